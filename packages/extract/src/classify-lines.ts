import { collapseSpace } from './html-blocks.ts'

/** What a line of a whole-page text dump is. */
export const LineKind = {
  /** a sentence-like line: article text unless it sits in a run of boilerplate */
  text: 'text',
  /** a short or headline-like line (menu item, heading, label) */
  short: 'short',
  /** a line that names itself as boilerplate: teaser, prompt, menu, credit, caption */
  boilerplate: 'boilerplate',
  blank: 'blank',
} as const
export type LineKind = (typeof LineKind)[keyof typeof LineKind]

export interface ClassifiedLine {
  text: string
  kind: LineKind
  words: number
  /** contribution to the body run: positive for text, negative for everything else */
  score: number
}

/** Characters of one line that are read; longer lines are no paragraph, and reading them costs time. */
const MAX_LINE = 20_000
const WORD = /[\p{L}\p{N}_]+/gu
// Lines that announce navigation, teasers, prompts or page furniture, in the languages seen most.
const BOILERPLATE = [
  /^(?:read|see) (?:also|more)\b|^related(?: (?:articles?|stories|posts|news|content|coverage))?:?$|^more (?:articles|stories|news|from|on)\b|^(?:most )?(?:popular|trending|recommended)(?: (?:now|stories|articles|posts))?:?$/i,
  /^load(?:ing)? more\b|^show more\b|^(?:main )?menu(?: sections)?$|^(?:skip|jump) to (?:main )?content|^toggle navigation|^search\b.{0,20}$/i,
  /\bnewsletter\b|\bsubscribe\b|\bsign (?:up|in)\b|\blog ?in\b|would you like to receive notifications|\bnotifications\b.*\?$|\bcookies?\b.*\b(?:use|policy|consent|accept)\b/i,
  /^(?:filed under|tags?|topics?|categories|related topics|more on|related|read more|read also|see also)\s*:/i,
  /^our channels:?$|^follow us\b|^share (?:this|on|via)\b|^click to (?:share|email|print|tweet)\b|\(opens in new window\)|^(?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|reddit)$/i,
  /^\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago\b|^rating: \d+/i,
  /^advertisement$|^sponsored(?: content)?$|^ad$|^(?:leave a|post a) (?:reply|comment)|^comments?(?: \(\d+\))?:?$|^\d+ comments?$|^reply$|^cancel reply$/i,
  /all rights reserved|^copyright\b|^©|privacy policy|terms of (?:use|service)/i,
  /^image \d+ of \d+|^(?:photo|picture|image|video|credit|caption|source)s?\s*:|photo credit|\b(?:getty images|shutterstock|istock)\b|^close$|^caption$/i,
  /^by [\p{Lu}][\p{L}'’.-]+(?: [\p{Lu}][\p{L}'’.-]+){0,3} \p{L}+ \d{1,2},? \d{4}(?: \d+)?$/iu,
]
const DATE_ONLY =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:\p{L}+ \d{1,2},? \d{4}|\d{1,2} \p{L}+,? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?$/iu
const ENUMERATED = /^(?:\d{1,3}[.)]\s|[•·▪●*]\s|[-–—]\s(?=\S))/u
const BARE_URL = /^(?:https?:\/\/|www\.)\S+$/i
const TEASER_END = /(?:\.\.\.|…)\s*(?:more|read more)?$/i
const SENTENCE_END = /[.!?:;"”’»]\)?$|[。！？」』）]$|[.!?。！？]["”’»」]?\s*\p{Lu}/u
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu

/** Words of a line; scripts written without spaces count one word per two characters. */
function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0
  const tokens = text.replace(CJK, ' ').match(WORD)?.length ?? 0
  return tokens + Math.ceil(cjk / 2)
}

/** Lines that open a comment thread or a list of other stories: the article never runs across them. */
const WALLS = [
  /^(?:\d+ )?(?:comments?|responses?|replies|reactions)(?: \(\d+\))?:?$|^\d+ (?:comments?|responses?|replies|thoughts)\b/i,
  /^\[\s*\d+ comments?\s*\]$|^(?:top(?: rated)?|recent|latest|all|view|show|reader|user) comments?\b/i,
  /^(?:leave|post|add|write|submit) a (?:reply|comment|response)|^comments are closed|^(?:join|start) the (?:discussion|conversation)/i,
  /^(?:deixe|deje|laissez|lascia|hinterlassen?)\b.{0,30}(?:resposta|respuesta|commentaire|commento|kommentar|comentario|comentário)/i,
  /^.{1,60}\b(?:says|said|wrote|writes):$|^.{1,60} on \S+ \d{1,2}, \d{4}(?: at [\d:]+ ?[ap]m)?\s*(?:said|says)?:?$/i,
]
/** Headings of related-story boxes: these also sit inside articles, so they weigh but do not wall. */
const RELATED =
  /^(?:related|recommended|more|latest|popular|trending|other|similar)(?: \p{L}+){0,3}:?$|^you (?:may|might) (?:also )?(?:like|enjoy)|^(?:read|see) (?:also|more)\b/iu

/** The score of a line that opens comments: no run of article text crosses it. */
export const WALL_SCORE = -500

/** Does this line open comments or other stories? */
export function isWallLine(line: string): boolean {
  return WALLS.some((re) => re.test(line))
}

/** Is this line boilerplate whatever its surroundings (menus, prompts, teasers, captions)? */
export function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line)) || TEASER_END.test(line)
}

/** Scores each line for the body run: sentences add their word count, everything else subtracts. */
export function classifyLines(lines: readonly string[]): ClassifiedLine[] {
  return lines.map((raw) => {
    const text = collapseSpace(raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw)
    if (!text) return { text, kind: LineKind.blank, words: 0, score: 0 }
    const words = countWords(text)
    if (isWallLine(text)) return { text, kind: LineKind.boilerplate, words, score: WALL_SCORE }
    if (RELATED.test(text)) return { text, kind: LineKind.boilerplate, words, score: -20 }
    if (isBoilerplateLine(text))
      return { text, kind: LineKind.boilerplate, words, score: -Math.max(10, words) }
    // A line that is only a date stamps a teaser or a comment, not a paragraph.
    if (words <= 8 && DATE_ONLY.test(text)) return { text, kind: LineKind.short, words, score: -8 }
    // Numbered or bulleted items, and bare links between them, belong to a list in the story.
    if (ENUMERATED.test(text) && words >= 3) return { text, kind: LineKind.text, words, score: 1 }
    if (BARE_URL.test(text)) return { text, kind: LineKind.short, words, score: 0 }
    const sentence = SENTENCE_END.test(text)
    if (sentence && words >= 8) return { text, kind: LineKind.text, words, score: words }
    if (sentence) return { text, kind: LineKind.text, words, score: 1 }
    return { text, kind: LineKind.short, words, score: words >= 8 ? -2 : -3 }
  })
}

/**
 * Makes long stretches of non-text lines cost more per line: an article pauses for a heading or
 * a caption, while the gap between an article and a list of teasers is a wall of menus, tags and
 * share buttons that the teasers' text should not be able to buy back.
 */
export function penalizeGaps(lines: ClassifiedLine[], step = 2): ClassifiedLine[] {
  discountIsolatedText(lines)
  let gap = 0
  for (const line of lines) {
    if (line.kind === LineKind.blank) continue
    if (line.score > 0) {
      gap = 0
      continue
    }
    if (line.score === 0) continue
    if (line.score > WALL_SCORE) line.score -= step * gap
    gap++
  }
  return lines
}

/** Weight left to an isolated text line; 0.25 to 0.4 score alike on the dev half, 0.2 and 0.5 lower. */
const ISOLATED = 0.35

/**
 * Discounts a text line standing alone between non-text lines: a teaser list alternates one
 * summary with headline, author and date lines, while a story's paragraphs follow each other.
 */
function discountIsolatedText(lines: ClassifiedLine[]): void {
  const nonBlank = lines.filter((l) => l.kind !== LineKind.blank)
  for (let i = 1; i < nonBlank.length - 1; i++) {
    const line = nonBlank[i]!
    if (line.score > 1 && nonBlank[i - 1]!.score < 0 && nonBlank[i + 1]!.score < 0)
      line.score = Math.ceil(line.score * ISOLATED)
  }
}

/** How many lines below the headline the body may start. */
const ANCHOR_WINDOW = 40

/** The best run starting within ANCHOR_WINDOW lines after the headline line, with its score. */
export function findAnchoredRun(
  lines: readonly ClassifiedLine[],
  anchor: number,
): { range: [number, number]; sum: number } {
  let best = 0
  let range: [number, number] = [anchor + 1, anchor + 1]
  const last = Math.min(lines.length, anchor + 1 + ANCHOR_WINDOW)
  let seen = 0
  for (let s = anchor + 1; s < last; s++) {
    const first = lines[s]!.score
    // Once the article has begun, a comment marker ends the search: what follows is the thread.
    if (first === WALL_SCORE && seen >= 30) break
    if (first > 0) seen += first
    if (first <= 0 && first !== WALL_SCORE) continue
    let sum = 0
    // Positive words since the headline, counting those before this start.
    let words = seen - Math.max(0, first)
    for (let e = s; e < lines.length; e++) {
      const score = lines[e]!.score
      // A 'Comments (3)' link under the headline comes before the article, not after it.
      sum += score === WALL_SCORE && words < 30 ? -3 : score
      if (score > 0) words += score
      if (sum > best) {
        best = sum
        range = [s, e + 1]
      }
      // Past a wall or a long stretch of boilerplate no later line can pay the debt back.
      if (sum < best - 400 || sum < -100) break
    }
  }
  return { range, sum: best }
}

/** The run of lines with the highest total score (Kadane): the article body, as [start, end). */
export function findBodyRun(lines: readonly ClassifiedLine[]): [number, number] {
  let best = 0
  let bestRange: [number, number] = [0, 0]
  let sum = 0
  let start = 0
  for (let i = 0; i < lines.length; i++) {
    if (sum <= 0) {
      sum = 0
      start = i
    }
    sum += lines[i]!.score
    if (sum > best) {
      best = sum
      bestRange = [start, i + 1]
    }
  }
  return bestRange
}
