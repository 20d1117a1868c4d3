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

const WORD = /[\p{L}\p{N}_]+/gu
// Lines that announce navigation, teasers, prompts or page furniture, in the languages seen most.
const BOILERPLATE = [
  /^(?:read|see) (?:also|more)\b|^related(?: (?:articles?|stories|posts|news|content|coverage))?:?$|^more (?:articles|stories|news|from|on)\b|^(?:most )?(?:popular|trending|recommended)(?: (?:now|stories|articles|posts))?:?$/i,
  /^load(?:ing)? more\b|^show more\b|^(?:main )?menu(?: sections)?$|^(?:skip|jump) to (?:main )?content|^toggle navigation|^search\b.{0,20}$/i,
  /\bnewsletter\b|\bsubscribe\b|\bsign (?:up|in)\b|\blog ?in\b|would you like to receive notifications|\bnotifications\b.*\?$|\bcookies?\b.*\b(?:use|policy|consent|accept)\b/i,
  /^our channels:?$|^follow us\b|^share (?:this|on|via)\b|^(?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|reddit)$/i,
  /^advertisement$|^sponsored(?: content)?$|^ad$|^(?:leave a|post a) (?:reply|comment)|^comments?(?: \(\d+\))?:?$|^\d+ comments?$|^reply$|^cancel reply$/i,
  /all rights reserved|^copyright\b|^©|privacy policy|terms of (?:use|service)/i,
  /^image \d+ of \d+|^(?:photo|picture|image|video|credit|caption|source)s?\s*:|photo credit|\b(?:getty images|shutterstock|istock)\b|^close$|^caption$/i,
  /^by [\p{Lu}][\p{L}'’.-]+(?: [\p{Lu}][\p{L}'’.-]+){0,3} \p{L}+ \d{1,2},? \d{4}(?: \d+)?$/iu,
]
const TEASER_END = /(?:\.\.\.|…)\s*(?:more|read more)?$/i
const SENTENCE_END = /[.!?:;"”’»)]$|[.!?]["”’»]?\s+\p{Lu}/u

/** Is this line boilerplate whatever its surroundings (menus, prompts, teasers, captions)? */
export function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line)) || TEASER_END.test(line)
}

/** Scores each line for the body run: sentences add their word count, everything else subtracts. */
export function classifyLines(lines: readonly string[]): ClassifiedLine[] {
  return lines.map((raw) => {
    const text = raw.replace(/\s+/g, ' ').trim()
    if (!text) return { text, kind: LineKind.blank, words: 0, score: 0 }
    const words = text.match(WORD)?.length ?? 0
    if (isBoilerplateLine(text)) return { text, kind: LineKind.boilerplate, words, score: -Math.max(10, words) }
    const sentence = SENTENCE_END.test(text)
    if (sentence && words >= 8) return { text, kind: LineKind.text, words, score: words }
    if (sentence) return { text, kind: LineKind.text, words, score: 1 }
    return { text, kind: LineKind.short, words, score: words >= 8 ? -2 : -3 }
  })
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
