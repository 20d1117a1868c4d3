import { mixHash32 } from './hash.ts'

// Per-code-unit caches: lowercasing and the word-character test are the hot path of fingerprinting,
// and a regex or toLowerCase() per character would allocate on every call.
const lowerCache = new Uint16Array(65536)
const classCache = new Uint8Array(65536) // 0 unknown, 1 word character, 2 other
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

function classify(c: number): number {
  const ch = String.fromCharCode(c)
  const isWord = WORD_CHAR.test(ch)
  classCache[c] = isWord ? 1 : 2
  const lower = ch.toLowerCase()
  lowerCache[c] = lower.length === 1 ? lower.charCodeAt(0) : c
  return isWord ? 1 : 2
}

/** One line of text as token hashes, plus what the boilerplate filter needs to know about it. */
export interface LineTokens {
  /** first token index of the line in the token array */
  start: number
  /** one past the last token index */
  end: number
  /** last non-space character code of the line (0 when empty) */
  lastChar: number
  /** first non-space character code of the line (0 when empty) */
  firstChar: number
  /** character range of the line in the text */
  charStart: number
  charEnd: number
}

/** Tokens of a whole text: lowercased word hashes, and line boundaries. */
export interface TextTokens {
  hashes: Uint32Array
  count: number
  lines: LineTokens[]
}

let scratch = new Uint32Array(4096)

/**
 * Splits text into lowercased word tokens (letters, digits, marks), hashed to 32 bits, by line.
 * The returned `hashes` buffer is reused by the next call: copy what must outlive it.
 */
export function tokenizeText(text: string): TextTokens {
  if (scratch.length < text.length / 2 + 16) scratch = new Uint32Array(Math.ceil(text.length / 2) + 16)
  const lines: LineTokens[] = []
  let count = 0
  let h = 0x811c9dc5
  let inWord = false
  let lineStart = 0
  let lineCharStart = 0
  let firstChar = 0
  let lastChar = 0
  const n = text.length
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10
    let cls: number
    let lc = c
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) cls = 1
      else if (c >= 65 && c <= 90) {
        cls = 1
        lc = c | 0x20
      } else cls = 2
    } else {
      cls = classCache[c] || classify(c)
      lc = lowerCache[c]!
    }
    if (cls === 1) {
      if (!inWord) {
        inWord = true
        h = 0x811c9dc5
      }
      h = Math.imul(h ^ lc, 0x01000193)
    } else if (inWord) {
      inWord = false
      scratch[count++] = mixHash32(h)
    }
    if (c === 10) {
      lines.push({ start: lineStart, end: count, firstChar, lastChar, charStart: lineCharStart, charEnd: i })
      lineStart = count
      lineCharStart = i + 1
      firstChar = 0
      lastChar = 0
    } else if (c !== 32 && c !== 9 && c !== 13 && c !== 160) {
      if (firstChar === 0) firstChar = c
      lastChar = c
    }
  }
  return { hashes: scratch, count, lines }
}
