import { CopydeskError } from '@copydesk/contracts'
import { markBoilerplate, type Pass, pickTop, scoreParagraphs, weighClass } from './find-main-content.ts'
import {
  collectParagraphs,
  countCommas,
  getLinkDensity,
  getText,
  measureText,
  type Paragraph,
} from './html-blocks.ts'
import type { HtmlElement } from './parse-html.ts'

const PASSES: Pass[] = [
  { stripUnlikely: true, weighClasses: true },
  { stripUnlikely: false, weighClasses: true },
  { stripUnlikely: false, weighClasses: false },
]
/** Readability's threshold: an article shorter than this is retried with a more lenient pass. */
const MIN_ARTICLE_CHARS = 500

/** Siblings of the top candidate that belong to the article (Readability's sibling join). */
function joinSiblings(top: HtmlElement): HtmlElement[] {
  const parent = top.parent
  if (!parent || parent.tag === '#root') return [top]
  const threshold = Math.max(10, top.score * 0.2)
  const kept: HtmlElement[] = []
  for (const sib of parent.children) {
    if (typeof sib === 'string' || sib.removed) continue
    if (sib === top) {
      kept.push(sib)
      continue
    }
    const bonus = sib.attrs.class && sib.attrs.class === top.attrs.class ? top.score * 0.2 : 0
    if (sib.score > 0 && sib.score + bonus >= threshold) {
      kept.push(sib)
      continue
    }
    if (sib.tag === 'p') {
      const density = getLinkDensity(sib)
      const text = getText(sib)
      if (
        (text.length > 80 && density < 0.25) ||
        (text.length > 0 && density === 0 && /\.( |$)/.test(text))
      ) {
        kept.push(sib)
      }
    }
  }
  return kept
}

function countTags(el: HtmlElement, counts: Map<string, number>): void {
  for (const c of el.children) {
    if (typeof c === 'string' || c.removed) continue
    counts.set(c.tag, (counts.get(c.tag) ?? 0) + 1)
    countTags(c, counts)
  }
}

/** Readability's conditional clean: drops lists, tables and boxes that look like link farms or widgets. */
function cleanConditionally(el: HtmlElement, total: number): void {
  for (const c of el.children) {
    if (typeof c === 'string' || c.removed) continue
    cleanConditionally(c, total)
    if (!['div', 'section', 'ul', 'ol', 'table', 'header', 'aside', 'figure'].includes(c.tag)) continue
    // A box holding most of the article is the article, whatever its class says ('widget-container').
    if (c.textLen > total * 0.5) continue
    const weight = weighClass(c)
    if (weight < 0) {
      c.removed = true
      continue
    }
    const text = getText(c)
    if (countCommas(text) >= 10) continue
    const counts = new Map<string, number>()
    countTags(c, counts)
    const p = counts.get('p') ?? 0
    const img = counts.get('img') ?? 0
    const li = (counts.get('li') ?? 0) - 100
    const input = counts.get('input') ?? 0
    const density = getLinkDensity(c)
    const isList = c.tag === 'ul' || c.tag === 'ol'
    c.removed =
      (img > 1 && p / img < 0.5) ||
      (!isList && li > p) ||
      input > Math.floor(p / 3) ||
      (!isList && text.length < 25 && (img === 0 || img > 2)) ||
      (weight < 25 && density > 0.2) ||
      (weight >= 25 && density > 0.5)
  }
}

/** The article's paragraphs: the best-scoring container of paragraphs and its related siblings. */
export function selectArticle(root: HtmlElement, deadline = Number.POSITIVE_INFINITY): Paragraph[] {
  let best: Paragraph[] = []
  let bestLen = 0
  for (const pass of PASSES) {
    if (performance.now() > deadline) {
      throw new CopydeskError('ERR_EXTRACT_TIMEOUT', 'content scoring exceeded the time budget', {
        phase: 'score',
      })
    }
    markBoilerplate(root, pass)
    measureText(root)
    const candidates = new Set<HtmlElement>()
    scoreParagraphs(root, candidates, pass)
    const top = pickTop(candidates)
    if (!top) continue
    const parts = joinSiblings(top)
    const paragraphs: Paragraph[] = []
    for (const part of parts) {
      cleanConditionally(part, part.textLen)
      measureText(part)
      collectParagraphs(part, paragraphs)
    }
    const len = paragraphs.reduce((n, p) => n + p.text.length, 0)
    if (len > bestLen) {
      best = paragraphs
      bestLen = len
    }
    if (len >= MIN_ARTICLE_CHARS) break
  }
  // A fragment without containers (a bare <p>) has no candidate to score: its text is the article.
  if (best.length === 0) {
    markBoilerplate(root, PASSES[1]!)
    best = collectParagraphs(root)
  }
  return best
}
