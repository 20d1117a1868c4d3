import { hashTokenRange, selectBodyLines, type TitleKey } from './content-lines.ts'
import { mixHash32 } from './hash.ts'
import type { DedupeOptions } from './options.ts'
import { sortU32, sortUniqueInPlace } from './sort-u32.ts'
import { type TextTokens, tokenizeText } from './text-tokens.ts'
import type { Fingerprint } from './types.ts'
import { allocU32 } from './u32-slab.ts'

// Fewer body tokens than this means the line filter ate the story (a short note, a list):
// fall back to every token rather than fingerprint nothing.
const MIN_BODY_TOKENS = 12
const ROLL = 0x01000193

type FingerprintOptions = Pick<
  DedupeOptions,
  'shingleSize' | 'sketchSize' | 'anchorsByHash' | 'anchorsByPosition' | 'sampleBits'
>

let bodyScratch = new Uint32Array(4096)

/** Computes the exact key, body shingles, bottom-k sketch and index keys of one article. */
export function fingerprintArticle(
  text: string,
  title: string | undefined,
  options: FingerprintOptions,
): Fingerprint {
  // The title first: tokenizeText reuses one buffer, so the text's tokens must come last.
  let titleKey: TitleKey | undefined
  if (title !== undefined && title.trim() !== '') {
    const t = tokenizeText(title)
    titleKey = { count: t.count, hash: hashTokenRange(t.hashes, 0, t.count) }
  }
  const tokens = tokenizeText(text)
  const exactKey = exactKeyOf(tokens)
  const lines = selectBodyLines(text, tokens, titleKey)

  if (bodyScratch.length < tokens.count) bodyScratch = new Uint32Array(tokens.count * 2)
  let n = 0
  for (const line of lines) {
    for (let i = line.start; i < line.end; i++) bodyScratch[n++] = tokens.hashes[i]!
  }
  let body: Uint32Array = bodyScratch
  if (n < MIN_BODY_TOKENS) {
    body = tokens.hashes
    n = tokens.count
  }
  return fingerprintTokens(body, n, exactKey, options)
}

let lowScratch = new Uint32Array(4096)
let highScratch = new Uint32Array(4096)
let seen = new Uint32Array(4096)

function fingerprintTokens(
  body: Uint32Array,
  n: number,
  exactKey: string,
  options: FingerprintOptions,
): Fingerprint {
  const k = Math.max(1, Math.min(options.shingleSize, n))
  const count = n === 0 ? 0 : n - k + 1
  if (lowScratch.length < count) {
    lowScratch = new Uint32Array(count * 2)
    highScratch = new Uint32Array(count * 2)
  }
  const low = lowScratch
  const high = highScratch
  // Sampled hashes (below 2^(32 - sampleBits)) go to `low`, in reading order, the others to
  // `high`: a branch-free split (which side a hash falls on is a coin toss for a branch predictor).
  const sampleBits = options.sampleBits
  const shift = sampleBits === 0 ? 31 : 32 - sampleBits
  const split = sampleBits === 0 ? 0 : 1
  let nl = 0
  let nh = 0
  // Polynomial rolling hash of the k token hashes (two multiplications per shingle), then mixed.
  let pk = 1
  for (let j = 1; j < k; j++) pk = Math.imul(pk, ROLL)
  let rolling = 0
  for (let j = 0; j < k - 1 && j < n; j++) rolling = (Math.imul(rolling, ROLL) + body[j]!) | 0
  for (let i = 0; i < count; i++) {
    if (i > 0) rolling = (rolling - Math.imul(body[i - 1]!, pk)) | 0
    rolling = (Math.imul(rolling, ROLL) + body[i + k - 1]!) | 0
    const v = mixHash32(rolling ^ k)
    low[nl] = v
    high[nh] = v
    const isHigh = (((v >>> shift) + 63) >>> 6) & split // top bits 1..63 -> 1, 0 -> 0
    nl += 1 - isHigh
    nh += isHigh
  }
  // Lead keys: the first distinct sampled shingles in reading order (a short scan from the start).
  const maxLead = options.anchorsByPosition
  const anchorBuf = new Uint32Array(maxLead + options.anchorsByHash)
  let leadCount = 0
  for (let i = 0; i < nl && leadCount < maxLead; i++) {
    const h = low[i]!
    if (!contains(anchorBuf, leadCount, h)) anchorBuf[leadCount++] = h
  }
  const sampled = sortUniqueInPlace(low.subarray(0, nl), 32 - sampleBits)
  const shingles = joinDistinct(low, sampled, high, nh, options.sketchSize)
  const sketch = shingles.subarray(0, Math.min(options.sketchSize, shingles.length))
  const queryKeys = shingles.subarray(0, sampled)
  // Lead keys first: stores keep them in this order and hand them back as `leadKeys`.
  let anchorCount = leadCount
  for (let i = 0; i < Math.min(options.anchorsByHash, sampled); i++) {
    if (!contains(anchorBuf, anchorCount, shingles[i]!)) anchorBuf[anchorCount++] = shingles[i]!
  }
  const anchors = anchorCount === anchorBuf.length ? anchorBuf : anchorBuf.slice(0, anchorCount)
  return { exactKey, shingles, sketch, anchors, leadCount, queryKeys }
}

/**
 * The distinct shingle hashes in one new array: the sorted distinct sampled ones (`low`, the query
 * keys, index keys and, for all but short articles, the sketch) first, then the distinct others
 * (`high`, three in four) unsorted, as nothing needs their order: verification only counts those
 * up to a stored sketch's τ. Sorting only the sampled quarter and deduplicating the rest in a small
 * hash set halves the cost of sorting them all. When the sampled hashes are fewer than the sketch,
 * the others are sorted too (the sketch is the bottom k of all of them).
 */
function joinDistinct(
  low: Uint32Array,
  lowCount: number,
  high: Uint32Array,
  nh: number,
  sketchSize: number,
): Uint32Array {
  // Open addressing on the low bits (well mixed); 0 marks a free slot: every value here is >= 2^26.
  let size = 64
  while (size < 4 * nh) size *= 2
  if (seen.length < size) seen = new Uint32Array(size)
  const table = seen
  table.fill(0, 0, size)
  const mask = size - 1
  let highCount = 0
  for (let j = 0; j < nh; j++) {
    const v = high[j]!
    let at = v & mask
    let t = table[at]!
    while (t !== 0 && t !== v) {
      at = (at + 1) & mask
      t = table[at]!
    }
    if (t === 0) {
      table[at] = v
      high[highCount++] = v
    }
  }
  const shingles = allocU32(lowCount + highCount)
  shingles.set(low.subarray(0, lowCount))
  if (highCount > 0) {
    shingles.set(high.subarray(0, highCount), lowCount)
    if (lowCount < sketchSize) sortU32(shingles.subarray(lowCount))
  }
  return shingles
}

function contains(values: Uint32Array, n: number, v: number): boolean {
  for (let i = 0; i < n; i++) if (values[i] === v) return true
  return false
}

/** The exact key: both lanes the tokenizer ran over every token, finalised, as 16 hex digits. */
function exactKeyOf(tokens: TextTokens): string {
  const a = mixHash32(tokens.exactA ^ tokens.count)
  const b = mixHash32(tokens.exactB + tokens.count)
  // One flat string from 16 character codes: a third of the cost of toString(16) and padStart.
  return String.fromCharCode(
    hexDigit(a >>> 28),
    hexDigit((a >>> 24) & 15),
    hexDigit((a >>> 20) & 15),
    hexDigit((a >>> 16) & 15),
    hexDigit((a >>> 12) & 15),
    hexDigit((a >>> 8) & 15),
    hexDigit((a >>> 4) & 15),
    hexDigit(a & 15),
    hexDigit(b >>> 28),
    hexDigit((b >>> 24) & 15),
    hexDigit((b >>> 20) & 15),
    hexDigit((b >>> 16) & 15),
    hexDigit((b >>> 12) & 15),
    hexDigit((b >>> 8) & 15),
    hexDigit((b >>> 4) & 15),
    hexDigit(b & 15),
  )
}

/** The character code of a lowercase hex digit (0-15). */
function hexDigit(d: number): number {
  return d < 10 ? 48 + d : 87 + d
}
