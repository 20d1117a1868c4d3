import { collapseSpace, countCommas, getLinkDensity, getText, INLINE_TAGS } from './html-blocks.ts'
import type { HtmlElement } from './parse-html.ts'

// Class and id patterns in the spirit of Readability.js: what names boilerplate and what names content.
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|cookie|subscribe|share|outbrain|taboola|promo/i
const MAYBE = /and|article|body|column|content|main|mathml|shadow/i
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|caption|credit/i
const UNLIKELY_ROLES = new Set([
  'menu',
  'menubar',
  'complementary',
  'navigation',
  'alert',
  'alertdialog',
  'dialog',
])
const DROPPED_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'fieldset', 'input', 'figcaption'])
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'h2', 'h3', 'h4', 'h5', 'h6'])
const NO_RUNS = new Set([
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'tbody',
  'thead',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
])

/** How to weigh the page: strict first, then relaxed when the strict pass finds too little. */
export interface Pass {
  stripUnlikely: boolean
  weighClasses: boolean
}

function joinNames(el: HtmlElement): string {
  return `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`
}

/** Class weight of Readability: +25 for a content-like name, -25 for a boilerplate-like one. */
export function weighClass(el: HtmlElement): number {
  let weight = 0
  for (const name of [el.attrs.class, el.attrs.id]) {
    if (!name) continue
    if (NEGATIVE.test(name)) weight -= 25
    if (POSITIVE.test(name)) weight += 25
  }
  return weight
}

/** Marks navigation, asides, forms and (in a strict pass) boilerplate-named boxes as removed. */
export function markBoilerplate(el: HtmlElement, pass: Pass): void {
  for (const child of el.children) {
    if (typeof child === 'string') continue
    child.removed = false
    child.score = 0
    const names = joinNames(child)
    const role = child.attrs.role
    if (
      DROPPED_TAGS.has(child.tag) ||
      (role !== undefined && UNLIKELY_ROLES.has(role)) ||
      (pass.stripUnlikely &&
        child.tag !== 'body' &&
        child.tag !== 'article' &&
        child.tag !== 'main' &&
        UNLIKELY.test(names) &&
        !MAYBE.test(names) &&
        !hasAncestorTag(child, 'table'))
    ) {
      child.removed = true
      continue
    }
    markBoilerplate(child, pass)
  }
}

function hasAncestorTag(el: HtmlElement, tag: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.tag === tag) return true
  return false
}

function initScore(el: HtmlElement, pass: Pass): number {
  let base = 0
  if (el.tag === 'div' || el.tag === 'article') base = 5
  else if (el.tag === 'pre' || el.tag === 'td' || el.tag === 'blockquote') base = 3
  else if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(el.tag)) base = -3
  else if (/^h[1-6]$|^th$/.test(el.tag)) base = -5
  return base + (pass.weighClasses ? weighClass(el) : 0)
}

/** Adds a paragraph's score to its owner and up to four more ancestors, as Readability does. */
function spreadScore(owner: HtmlElement, text: string, candidates: Set<HtmlElement>, pass: Pass): void {
  const score = 2 + countCommas(text) + Math.min(Math.floor(text.length / 100), 3)
  let level = 0
  for (let el: HtmlElement | null = owner; el && level < 5; el = el.parent, level++) {
    if (el.tag === '#root') break
    if (!candidates.has(el)) {
      candidates.add(el)
      el.score = initScore(el, pass)
    }
    el.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3)
  }
}

/** Scores every paragraph (and run of loose text) into its container and their ancestors. */
export function scoreParagraphs(el: HtmlElement, candidates: Set<HtmlElement>, pass: Pass): void {
  if (PARAGRAPH_TAGS.has(el.tag)) {
    const text = getText(el)
    if (text.length >= 25 && el.parent) spreadScore(el.parent, text, candidates, pass)
    return
  }
  let run = ''
  const flushRun = (): void => {
    const text = collapseSpace(run)
    if (text.length >= 25 && !NO_RUNS.has(el.tag)) spreadScore(el, text, candidates, pass)
    run = ''
  }
  for (const child of el.children) {
    if (typeof child === 'string') run += child
    else if (child.removed) continue
    else if (INLINE_TAGS.has(child.tag)) run += ` ${getText(child)} `
    else if (child.tag === 'br') run += ' '
    else {
      flushRun()
      scoreParagraphs(child, candidates, pass)
    }
  }
  flushRun()
}

/** The best container after link-density discount, widened to a shared ancestor of close rivals. */
export function pickTop(candidates: Set<HtmlElement>): HtmlElement | null {
  let top: HtmlElement | null = null
  for (const el of candidates) {
    el.score *= 1 - getLinkDensity(el)
    if (!top || el.score > top.score) top = el
  }
  if (!top) return null
  const topScore = top.score
  // Several strong candidates under one ancestor mean the article is split into blocks: take the ancestor.
  const strong = [...candidates].filter((c) => c !== top && c.score >= topScore * 0.75)
  if (strong.length >= 2) {
    for (let anc = top.parent; anc && anc.tag !== '#root' && anc.tag !== 'body'; anc = anc.parent) {
      const inside = strong.filter((c) => isInside(c, anc)).length
      if (inside >= 2) {
        top = anc
        break
      }
    }
  }
  while (
    top.parent &&
    top.parent.tag !== '#root' &&
    top.parent.tag !== 'body' &&
    countElements(top.parent) === 1
  ) {
    top = top.parent
  }
  return top
}

function isInside(el: HtmlElement, ancestor: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true
  return false
}

function countElements(el: HtmlElement): number {
  let n = 0
  for (const c of el.children) if (typeof c !== 'string' && !c.removed) n++
  return n
}
