import { endianness } from 'node:os'
import { mixHash32 } from './hash.ts'

// Per-code-unit table: lowercasing and the word-character test are the hot path of fingerprinting,
// and a regex or toLowerCase() per character would allocate on every call. `LOWER[c]` is the
// lowercase code unit of a word character and 0 for anything else. Filled for every code unit at
// load (~15 ms), so the tokenizer's loop needs no "not classified yet" test per character.
const LOWER = new Uint16Array(65536)
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
for (let c = 0; c < 65536; c++) classify(c)

function classify(c: number): void {
  const ch = String.fromCharCode(c)
  let lower = 0
  if (WORD_CHAR.test(ch)) {
    const l = ch.toLowerCase()
    lower = l.length === 1 ? l.charCodeAt(0) : c
    if (lower === 0) lower = c
  }
  LOWER[c] = lower
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
  /** the two lanes of the exact key over all the tokens, before finalising (see `exactKeyOf`) */
  exactA: number
  exactB: number
}

let scratch = new Uint32Array(4096)
// The text's UTF-16 code units, copied by one native call: a typed-array load per character is
// cheaper than charCodeAt (measured ~30% faster over the dev texts), and the copy itself is ~1 µs.
const NATIVE_UTF16 = endianness() === 'LE'
const NATIVE_MIN = 512
let unitBytes = Buffer.allocUnsafeSlow(16384)
let units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >>> 1)

/** The code units of `text` in a reused buffer (valid until the next call). */
function codeUnits(text: string): Uint16Array {
  const n = text.length
  if (units.length <= n) {
    unitBytes = Buffer.allocUnsafeSlow(2 * n + 4096)
    units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >>> 1)
  }
  // Buffer#write costs about a microsecond of argument checks: short texts (titles) copy by hand.
  if (NATIVE_UTF16 && n >= NATIVE_MIN) unitBytes.write(text, 0, 'utf16le')
  else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i)
  return units
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 160 || c === 0x200b || c === 0xfeff
}

/** First non-space character code of units[from, to), or 0. */
function firstChar(units: Uint16Array, from: number, to: number): number {
  for (let a = from; a < to; a++) {
    const c = units[a]!
    if (!isSpace(c)) return c
  }
  return 0
}

/** Last non-space character code of units[from, to), or 0. */
function lastChar(units: Uint16Array, from: number, to: number): number {
  for (let b = to - 1; b >= from; b--) {
    const c = units[b]!
    if (!isSpace(c)) return c
  }
  return 0
}

/**
 * Splits text into lowercased word tokens (letters, digits, marks), hashed to 32 bits, by line.
 * The returned `hashes` buffer is reused by the next call: copy what must outlive it.
 */
export function tokenizeText(text: string): TextTokens {
  if (scratch.length < text.length / 2 + 16) scratch = new Uint32Array(Math.ceil(text.length / 2) + 16)
  const out = scratch
  const lower = LOWER
  const lines: LineTokens[] = []
  let count = 0
  let lineStart = 0
  let lineCharStart = 0
  const n = text.length
  const u = codeUnits(text)
  u[n] = 0 // sentinel: NUL is not a word character, so every word ends by n
  // Separators one at a time, then each word in a tight loop of its own (one table load, one
  // test, one multiply per character): fewer branches than one loop tracking an in-word flag.
  let exactA = 0x12345678
  let exactB = 0x9abcdef0 | 0
  let i = 0
  for (;;) {
    let c = u[i]!
    let lc = lower[c]!
    if (lc === 0) {
      if (i >= n) break
      if (c === 10) {
        lines.push(makeLine(u, lineStart, count, lineCharStart, i))
        lineStart = count
        lineCharStart = i + 1
      }
      i++
      continue
    }
    let h = 0x811c9dc5
    do {
      h = Math.imul(h ^ lc, 0x01000193)
      c = u[++i]!
      lc = lower[c]!
    } while (lc !== 0)
    const t = mixHash32(h)
    out[count++] = t
    // The exact key's two lanes, here rather than in a second pass over the tokens: these chains
    // run beside the character loop's.
    exactA = Math.imul(exactA ^ t, 0x01000193)
    exactB = Math.imul(((exactB << 5) | (exactB >>> 27)) ^ t, 0x9e3779b1)
  }
  lines.push(makeLine(u, lineStart, count, lineCharStart, n))
  return { hashes: out, count, lines, exactA, exactB }
}

function makeLine(
  units: Uint16Array,
  start: number,
  end: number,
  charStart: number,
  charEnd: number,
): LineTokens {
  const first = firstChar(units, charStart, charEnd)
  const last = first === 0 ? 0 : lastChar(units, charStart, charEnd)
  return { start, end, firstChar: first, lastChar: last, charStart, charEnd }
}
