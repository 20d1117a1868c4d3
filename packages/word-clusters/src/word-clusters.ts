import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { hashWord } from './hash-word.ts'

const defaultUrl = new URL('../model/clusters.txt.gz', import.meta.url)

/**
 * Word clusters from GloVe vectors (model/clusters.txt.gz, built by
 * packages/entities/scripts/build-clusters.ts): a lowercased word's clusters at three
 * granularities, packed as ((c64 << 8) | c256) << 10 | c1024. Kept in an open-addressing table
 * keyed by the word's FNV-1a hash (`hashWord`, which the entity tagger's and the topic model's
 * features compute anyway): the 341,439 shipped words take 8 MB of typed arrays and no string.
 * Two words of the file with one hash (11 of them) share the first one's clusters.
 */
export class WordClusters {
  readonly #keys: Uint32Array
  readonly #values: Int32Array
  readonly #mask: number
  readonly size: number

  /** `hashes[i]` is the hash of a word and `packed[i]` its clusters. */
  constructor(hashes: ArrayLike<number>, packed: ArrayLike<number>) {
    let capacity = 1
    while (capacity < hashes.length * 2) capacity <<= 1
    this.#keys = new Uint32Array(capacity)
    this.#values = new Int32Array(capacity).fill(-1)
    this.#mask = capacity - 1
    let size = 0
    for (let i = 0; i < hashes.length; i++) {
      const hash = hashes[i] as number
      let slot = hash & this.#mask
      while (this.#values[slot] !== -1 && this.#keys[slot] !== hash) slot = (slot + 1) & this.#mask
      if (this.#values[slot] !== -1) continue
      this.#keys[slot] = hash
      this.#values[slot] = packed[i] as number
      size++
    }
    this.size = size
  }

  /** The packed clusters of the word whose lowercase form hashes to `hash`, or -1. */
  get(hash: number): number {
    let slot = hash & this.#mask
    for (;;) {
      const value = this.#values[slot] as number
      if (value === -1 || this.#keys[slot] === hash) return value
      slot = (slot + 1) & this.#mask
    }
  }
}

/** Reads a clusters file: one `word<TAB>packed clusters` line per word, gzipped. */
export function loadWordClusters(path: string | URL = defaultUrl): WordClusters {
  const text = gunzipSync(readFileSync(path)).toString('utf8')
  let lines = 0
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++
  if (text.length > 0 && !text.endsWith('\n')) lines++
  // Typed arrays, not arrays of numbers: 341,000 words would leave megabytes of garbage behind.
  const hashes = new Uint32Array(lines)
  const values = new Int32Array(lines)
  let n = 0
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at)
    if (end < 0) end = text.length
    const tab = text.indexOf('\t', at)
    let packed = tab > at && tab < end - 1 ? 0 : -1
    for (let i = tab + 1; packed >= 0 && i < end; i++) {
      const digit = text.charCodeAt(i) - 48
      packed = digit >= 0 && digit <= 9 ? packed * 10 + digit : -1
    }
    if (packed < 0 || packed > 0x7fffffff)
      throw new Error(`bad word clusters line: ${JSON.stringify(text.slice(at, Math.min(end, at + 80)))}`)
    hashes[n] = hashWord(text, at, tab)
    values[n] = packed
    n++
    at = end + 1
  }
  return new WordClusters(hashes.subarray(0, n), values.subarray(0, n))
}

let cached: WordClusters | undefined

/** The shipped clusters, read once per process. */
export function defaultWordClusters(): WordClusters {
  cached ??= loadWordClusters()
  return cached
}
