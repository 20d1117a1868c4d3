import { defaultWordClusters, hashWord } from '@copydesk/word-clusters'
import type { HashedDocument } from './types.ts'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
// Words are hashed as @copydesk/word-clusters keys them (FNV-1a of the lowercased word), so a
// word's hash is also its key in the clusters.
const NUMBER_HASH = hashWord('#num')
const CLUSTER_TAG = hashWord('#cluster')

// Function words carry no topic and, kept in, would make most bigrams 'of the'-style noise.
const STOP_WORDS = new Set(
  (
    'the of and to in a an is was were be been being are it its he she his her they them their we our you your ' +
    'i me my that this these those there here which who whom whose what when where why how for on at by with ' +
    'from as or but not no so if then than too very can could would should will shall may might must do does ' +
    'did done has have had having also into onto about over under after before again just only more most some ' +
    'such other any each all both up down out off own same said says say mr mrs ms one two new'
  )
    .split(' ')
    .map((w) => hashWord(w)),
)

/** Hash of the ordered pair (a, b): distinct from both words and from (b, a). */
function combineHashes(a: number, b: number): number {
  let h = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ b
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Is this UTF-16 code unit part of a word? ASCII letters/digits and letters beyond Latin-1 punctuation. */
function isWordCode(c: number): boolean {
  if (c < 0xc0) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
  // General punctuation, arrows, symbols: typographic quotes and dashes must split words.
  return c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && c !== 0x3000
}

/** Appends the word hashes of `text` (lowercased, stop words dropped, numbers folded) to `out`. */
function pushWordHashes(text: string, out: number[]): void {
  let h = FNV_OFFSET
  let len = 0
  let digits = true
  const flush = (): void => {
    if (len > 1 || (len === 1 && digits)) {
      const word = digits ? NUMBER_HASH : h >>> 0
      if (!STOP_WORDS.has(word)) out.push(word)
    }
    h = FNV_OFFSET
    len = 0
    digits = true
  }
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (!isWordCode(c)) {
      if (len > 0) flush()
      continue
    }
    if (c >= 65 && c <= 90) c += 32
    else if (c >= 0xc0 && c < 0x250) c = String.fromCharCode(c).toLowerCase().charCodeAt(0)
    if (c > 57 || c < 48) digits = false
    h = Math.imul(h ^ c, FNV_PRIME)
    len++
  }
  if (len > 0) flush()
}

/**
 * The unigram, bigram and word-cluster feature hashes of one word sequence, appended to `out`. A
 * word's cluster (1,024 clusters of GloVe vectors, @copydesk/word-clusters; the words are hashed as
 * the clusters are keyed) lets an article share weights with the articles that use other words for
 * the same things: in 5-fold cross-validation on the BBC dev half it took top-1 macro-F1 from
 * 0.9755 to 0.9803.
 */
function pushFeatureHashes(words: readonly number[], out: number[]): void {
  const clusters = defaultWordClusters()
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    out.push(w)
    if (i > 0) out.push(combineHashes(words[i - 1]!, w))
    const packed = clusters.get(w)
    if (packed >= 0) out.push(combineHashes(CLUSTER_TAG, packed & 1023))
  }
}

/**
 * Turns an article into sorted 32-bit feature hashes (unigrams and adjacent-word bigrams).
 * The title counts twice: it is the editor's own summary of the subject.
 */
export function hashDocument(text: string, title?: string): HashedDocument {
  const features: number[] = []
  const words: number[] = []
  let wordCount = 0
  if (title) {
    pushWordHashes(title, words)
    pushFeatureHashes(words, features)
    pushFeatureHashes(words, features)
    wordCount += words.length
    words.length = 0
  }
  pushWordHashes(text, words)
  pushFeatureHashes(words, features)
  wordCount += words.length
  const hashes = Uint32Array.from(features)
  hashes.sort()
  return { hashes, wordCount }
}

/**
 * The feature hash of a one- or two-word term as it would appear in a document, or undefined when
 * the term has no content word or more than two (lexicon terms are matched as uni- or bigrams).
 */
export function hashTerm(term: string): number | undefined {
  const words: number[] = []
  pushWordHashes(term, words)
  if (words.length === 1) return words[0]
  if (words.length === 2) return combineHashes(words[0]!, words[1]!)
  return undefined
}
