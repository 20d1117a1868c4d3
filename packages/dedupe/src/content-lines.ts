import { combineHash32 } from './hash.ts'
import type { LineTokens, TextTokens } from './text-tokens.ts'

// Prompts that outlets put around wire copy: teasers, related-story lists, ads, newsletter calls.
// A line that starts with one is not part of the story, and a bare marker line announces a title.
const MARKER =
  /^(related( stor(y|ies)| articles?| coverage)?|read (also|more|next)|also read|see also|more on this( story)?|more from|don.?t miss|trending|recommended|most (read|popular)|watch|listen|leggi anche|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|lee también|leia também|veja também|advertisement|sponsored|promoted|subscribe|sign up|newsletter|follow us)\b/iu
// Vocabulary of page furniture (newsletter prompts, legal lines, cookie banners): a shortish line
// using it is not story text, whatever its punctuation.
const FURNITURE =
  /\b(newsletter|e-?mail address|sign up|subscribe|all rights reserved|copyright|cookie|privacy policy|terms of (use|service)|follow (us|\p{Lu}))/iu
// Matches whenever FURNITURE does (the same words and flags, without the word boundary and the
// letter class), ~6x faster: irregexp scans for the literal words quickly once \b is not in front.
const FURNITURE_HINT =
  /newsletter|e-?mail address|sign up|subscribe|all rights reserved|copyright|cookie|privacy policy|terms of (use|service)|follow /iu
// Code units that MARKER can start with (the first letters of its alternatives, under its /iu case
// folding) plus whitespace (trimStart() removes some that a line's firstChar does not skip): a
// line starting with anything else cannot match, so its text is neither sliced nor run through the
// regex. About forty lines a page; the regexes were ~15% of the fingerprint.
const MARKER_START = markerStartTable(MARKER)
const BULLETS = codeSet([
  0x2022, 0x25cf, 0x25aa, 0x25ba, 0x2023, 0x2043, 0x2013, 0x2014, 0x2d, 0x2a, 0x3e, 0xbb, 0x7c,
])
// Sentence-final characters, closing quotes included; a closing parenthesis is left out because
// photo captions and credits end with one.
const TERMINAL = codeSet([0x2e, 0x21, 0x3f, 0x2026, 0x22, 0x201d, 0x2019, 0xbb, 0x27, 0x3002])
const LONG_LINE = 20
const MIN_SENTENCE = 5
const FURNITURE_MAX = 20
// Fewer sentence-like tokens than this: the story is made of short lines (a list, a code sample,
// a poem); keep every line that is not furniture instead.
const MIN_BODY_TOKENS = 25
const FALLBACK_MIN_WORDS = 4

/** A code-unit table: 1 for each of `codes` (one load per test where a Set hashes). */
function codeSet(codes: number[]): Uint8Array {
  const table = new Uint8Array(65536)
  for (const c of codes) table[c] = 1
  return table
}

/**
 * A table of the code units a match of `marker` (`^(word...|word...)...`) can start with, and
 * whitespace; every code unit when its alternatives do not all start with a plain letter.
 */
function markerStartTable(marker: RegExp): Uint8Array {
  const table = new Uint8Array(65536)
  const src = marker.source
  const firsts: string[] = []
  let depth = 0
  let plain = src.startsWith('^(')
  for (let i = 1; plain && i < src.length; i++) {
    const ch = src[i]!
    if (ch === '\\') i++
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    if ((ch === '(' && depth === 1) || (ch === '|' && depth === 1)) {
      const next = src[i + 1] ?? ''
      if (!/^\p{L}$/u.test(next)) plain = false
      firsts.push(next)
    }
  }
  const start = plain ? new RegExp(`^[${firsts.join('')}]`, marker.flags) : /^[\s\S]/
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c)
    if (start.test(ch) || ch.trimStart() === '') table[c] = 1
  }
  return table
}

/** MARKER.test(trimmed line), skipped when the line's first character cannot start a match. */
function startsWithMarker(text: string, line: LineTokens, trimEnd: boolean): boolean {
  if (MARKER_START[line.firstChar] !== 1) return false
  const s = text.slice(line.charStart, line.charEnd)
  return MARKER.test(trimEnd ? s.trim() : s.trimStart())
}

/** FURNITURE.test(s), with the cheaper test first. */
function hasFurniture(s: string): boolean {
  return FURNITURE_HINT.test(s) && FURNITURE.test(s)
}

/** Why a line is kept: a sentence-like line of the story body, or not. */
function isBodyLine(text: string, line: LineTokens): boolean {
  const words = line.end - line.start
  if (words < MIN_SENTENCE) return false
  if (BULLETS[line.firstChar] === 1 || line.firstChar === 0xa9) return false
  // A teaser ('More on this story: <a long title>') can be as long as a sentence of the story.
  if (startsWithMarker(text, line, false)) return false
  if (words >= LONG_LINE) return true
  if (TERMINAL[line.lastChar] !== 1) return false
  return !hasFurniture(text.slice(line.charStart, line.charEnd))
}

/** A menu line: several items separated by bars. */
function isNavigation(text: string, line: LineTokens): boolean {
  const s = text.slice(line.charStart, line.charEnd)
  return s.indexOf('|') !== s.lastIndexOf('|')
}

/** A line that is page furniture whatever the page: bullets, markers, legal and newsletter lines. */
function isFurniture(text: string, line: LineTokens): boolean {
  const words = line.end - line.start
  if (BULLETS[line.firstChar] === 1 || line.firstChar === 0xa9) return true
  if (words >= FURNITURE_MAX) return false
  return startsWithMarker(text, line, false) || hasFurniture(text.slice(line.charStart, line.charEnd))
}

function isBareMarker(text: string, line: LineTokens): boolean {
  const words = line.end - line.start
  if (words === 0 || words > 4) return false
  return startsWithMarker(text, line, true)
}

/**
 * Picks the lines of a page dump that carry the story: sentence-like lines, without teasers,
 * 'READ ALSO' titles, bullets, captions and credits. Returns the kept lines in order.
 */
export function selectBodyLines(text: string, tokens: TextTokens, title?: TitleKey): LineTokens[] {
  const lines = tokens.lines
  const kept: LineTokens[] = []
  let skipNextTitle = false
  for (const line of lines) {
    const words = line.end - line.start
    if (words === 0) continue
    if (isBareMarker(text, line)) {
      skipNextTitle = true
      continue
    }
    if (skipNextTitle) {
      skipNextTitle = false
      if (words < LONG_LINE) continue
    }
    if (isTitleLine(tokens, line, title)) continue
    if (isBodyLine(text, line)) kept.push(line)
  }
  const keptTokens = kept.reduce((n, l) => n + l.end - l.start, 0)
  if (keptTokens >= MIN_BODY_TOKENS) return kept
  return lines.filter(
    (l) =>
      l.end - l.start >= FALLBACK_MIN_WORDS &&
      !isNavigation(text, l) &&
      !isFurniture(text, l) &&
      !isBareMarker(text, l) &&
      !isTitleLine(tokens, l, title),
  )
}

/** A title as a token sequence, to drop the headline line from the body. */
export interface TitleKey {
  count: number
  hash: number
}

/** Hashes a token range (order-sensitive). */
export function hashTokenRange(hashes: Uint32Array, start: number, end: number): number {
  let h = 0x2545f491
  for (let i = start; i < end; i++) h = combineHash32(h, hashes[i]!)
  return h
}

function isTitleLine(tokens: TextTokens, line: LineTokens, title: TitleKey | undefined): boolean {
  return (
    title !== undefined &&
    line.end - line.start === title.count &&
    hashTokenRange(tokens.hashes, line.start, line.end) === title.hash
  )
}
