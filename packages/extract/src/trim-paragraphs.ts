import { isBoilerplateLine } from './classify-lines.ts'
import type { Paragraph } from './html-blocks.ts'
import { normalizeDate } from './normalize-date.ts'

/** How many leading paragraphs may be headline furniture (title, standfirst byline, dates). */
const HEADER_PARAGRAPHS = 6
const WORD = /[\p{L}\p{N}_]+/gu
const SENTENCE_END = /[.!?:;"”’»)。！？」]$/
/** A statement's end; a teaser headline may end with a question mark. */
const STATEMENT_END = /[.!:;]['"”’»)]?$/
const META_LINE =
  /^(?:by|von|par|por|di|door)\s+\p{Lu}|^(?:published|updated|posted|last updated|first published)\b/iu

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Is this leading paragraph the headline, a byline or a date line rather than body text? */
function isHeaderLine(text: string, title: string, byline: readonly string[]): boolean {
  const words = countWords(text)
  if (words > 20) return false
  const norm = normalize(text)
  if (title && (norm === title || (norm.length > 20 && (title.startsWith(norm) || norm.startsWith(title)))))
    return true
  if (META_LINE.test(text)) return true
  if (words <= 12 && normalizeDate(text) !== null && !SENTENCE_END.test(text)) return true
  return words <= 8 && byline.some((name) => text.includes(name)) && !SENTENCE_END.test(text)
}

/**
 * Drops what a content container holds besides the story: the headline, byline and date lines
 * above it, captions and prompts, and link-only headlines of other stories.
 */
export function trimParagraphs(
  paragraphs: readonly Paragraph[],
  title: string | null,
  byline: readonly string[],
): string[] {
  const normTitle = title ? normalize(title) : ''
  const out: string[] = []
  // Headline furniture stands before the first real paragraph of the story.
  // (a standfirst may come first, so the zone ends at the second real paragraph).
  const prose = paragraphs.flatMap((p, i) => (countWords(p.text) > 14 ? [i] : []))
  const header = Math.min(HEADER_PARAGRAPHS, prose[1] ?? paragraphs.length)
  paragraphs.forEach((p, i) => {
    if (i < header && paragraphs.length > 1 && isHeaderLine(p.text, normTitle, byline)) return
    const words = countWords(p.text)
    if (words <= 25 && isBoilerplateLine(p.text)) return
    // A short line that is all link and no sentence is a teaser headline, not a paragraph.
    if (p.linkShare > 0.8 && words <= 20 && !STATEMENT_END.test(p.text)) return
    out.push(p.text)
  })
  return trimTail(out, byline)
}

/** Prompts that close a page's article template: newsletters, subscriptions, other formats. */
const TAIL_PROMPT =
  /\b(?:sign up|(?:un)?subscribe|newsletter|click here|requires javascript|delivered (?:to|through) your|follow (?:us|him|her)|join our)\b/i

/** Cuts an author box ('Jane Roe' then her bio) and closing prompts from the end of the body. */
function trimTail(paragraphs: string[], byline: readonly string[]): string[] {
  let end = paragraphs.length
  // The box sits in the last paragraphs: the last four, or the last 40% of a long story.
  const floor = Math.min(Math.ceil(paragraphs.length * 0.6), paragraphs.length - 4)
  for (let i = Math.max(1, floor); i < paragraphs.length; i++) {
    if (byline.includes(paragraphs[i]!.trim())) {
      end = i
      break
    }
  }
  while (end > 1 && countWords(paragraphs[end - 1]!) <= 60 && TAIL_PROMPT.test(paragraphs[end - 1]!)) end--
  return paragraphs.slice(0, end)
}
