import type { HtmlElement, HtmlNode } from './parse-html.ts'

/** Phrasing elements: their text continues the paragraph around them. */
export const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'label',
  'ins',
  'del',
  'nobr',
  'big',
  'tt',
  'strike',
  'picture',
  'source',
  'input',
])

/** Whitespace that is not already a single plain space; matching only these keeps megabyte texts fast. */
const EXTRA_SPACE = /\s{2,}|[^\S ]/g

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpace(text: string): string {
  return text.replace(EXTRA_SPACE, ' ').trim()
}

/** Visible text of a node, with spaces where blocks meet. */
export function getText(node: HtmlNode): string {
  const parts: string[] = []
  appendText(node, parts)
  return collapseSpace(parts.join(''))
}

function appendText(node: HtmlNode, parts: string[]): void {
  if (typeof node === 'string') {
    parts.push(node)
    return
  }
  if (node.removed) return
  const block = !INLINE_TAGS.has(node.tag)
  if (block) parts.push(' ')
  for (const child of node.children) appendText(child, parts)
  if (block) parts.push(' ')
}

/** A paragraph of the article and the share of its characters inside links. */
export interface Paragraph {
  text: string
  linkShare: number
}

/**
 * Splits a subtree into paragraphs: every block element and `<br>` ends the paragraph being
 * built, and removed elements contribute nothing.
 */
export function collectParagraphs(node: HtmlNode, out: Paragraph[] = []): Paragraph[] {
  const current: string[] = []
  let linked = 0
  let total = 0
  const flush = (): void => {
    const text = collapseSpace(current.join(''))
    if (text) out.push({ text, linkShare: total > 0 ? linked / total : 0 })
    current.length = 0
    linked = 0
    total = 0
  }
  const walk = (n: HtmlNode, inLink: boolean): void => {
    if (typeof n === 'string') {
      current.push(n)
      const len = countVisible(n)
      total += len
      if (inLink) linked += len
      return
    }
    if (n.removed) return
    if (n.tag === 'br' || n.tag === 'hr') {
      flush()
      return
    }
    const block = !INLINE_TAGS.has(n.tag)
    if (block) flush()
    for (const child of n.children) walk(child, inLink || n.tag === 'a')
    if (block) flush()
  }
  walk(node, false)
  flush()
  return out
}

/** Computes `textLen` and `linkLen` of every element not removed, bottom-up. */
export function measureText(el: HtmlElement, inLink = false): void {
  let text = 0
  let link = 0
  const linked = inLink || el.tag === 'a'
  for (const child of el.children) {
    if (typeof child === 'string') {
      const len = countVisible(child)
      text += len
      if (linked) link += len
    } else if (!child.removed) {
      measureText(child, linked)
      text += child.textLen
      link += child.linkLen
    }
  }
  el.textLen = text
  el.linkLen = link
}

/** Length of a text with whitespace runs counted as one character. */
export function countVisible(text: string): number {
  let n = 0
  let space = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160
    if (ws) {
      if (!space) n++
      space = true
    } else {
      n++
      space = false
    }
  }
  return n
}

/** Share of an element's text that sits inside links. */
export function getLinkDensity(el: HtmlElement): number {
  return el.textLen === 0 ? 0 : el.linkLen / el.textLen
}

/** Number of commas in a text, without splitting it (a megabyte of commas must not allocate). */
export function countCommas(text: string): number {
  let n = 0
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) n++
  return n
}
