import { type DocFeatures, hashFeature, mix } from './features.ts'
import { type Tag, Tags, type TokenSpan } from './types.ts'

/** Number of BIO tags the perceptron scores. */
export const NUM_TAGS = Tags.length
const labelOfTag = [0, 1, 1, 2, 2, 3, 3, 4, 4] as const
const labels = ['', 'PER', 'ORG', 'LOC', 'MISC'] as const

/**
 * An averaged-perceptron weight table over hashed features: bucket b's weight for tag t is
 * weights[rows[b] * NUM_TAGS + t]. A trained model uses a fifth of its 2^19 buckets, so a loaded
 * one keeps only those rows, and every empty bucket points at row 0, which is all zeros: 6 MB
 * instead of 19. A model in training is dense (`denseModel`: row b is bucket b).
 */
export interface NerModel {
  hashBits: number
  mask: number
  rows: Uint32Array
  weights: Float32Array
}

/** An all-zero model with one row per bucket, for training. */
export function denseModel(hashBits: number): NerModel {
  const size = 2 ** hashBits
  const rows = new Uint32Array(size)
  for (let b = 0; b < size; b++) rows[b] = b
  return { hashBits, mask: size - 1, rows, weights: new Float32Array(size * NUM_TAGS) }
}

/** Called at every token during training with the features used, the predicted and the gold tag. */
export type UpdateFn = (feats: ArrayLike<number>, count: number, predicted: number, gold: number) => void

const p1Hash = Tags.map((t) => hashFeature(`p1=${t}`))
const p2Hash = Tags.flatMap((a) => Tags.map((b) => hashFeature(`p2=${a}|${b}`)))
const memHash = labels.map((l) => hashFeature(`m=${l}`))
const plHash = hashFeature('pl')
const memPrevHash = labels.flatMap((l) => Tags.map((t) => hashFeature(`mp=${l}|${t}`)))

/** I-X may only follow B-X or I-X: this keeps greedy decoding from producing broken spans. */
function isAllowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true
  return prev === tag || prev === tag - 1
}

/**
 * Tags one document greedily, left to right, with the previous two tags and a document memory
 * (the label this word got earlier in the document) as features. With `gold` and `update`, it is
 * one perceptron training pass: history stays predicted, so training sees the errors inference makes.
 */
export function decodeGreedy(
  model: NerModel,
  doc: DocFeatures,
  gold?: Uint8Array,
  update?: UpdateFn,
): Uint8Array {
  const n = doc.lower.length
  const out = new Uint8Array(n)
  const w = model.weights
  const rows = model.rows
  const mask = model.mask
  const scores = new Float64Array(NUM_TAGS)
  const memory = new Map<string, number>()
  const feats = new Int32Array(512)
  let p1 = 0
  let p2 = 0
  for (let i = 0; i < n; i++) {
    // Outside an entity, a word without a capital letter does not start one (in news English
    // almost never): skipping the scoring there is most of the tagger's speed. Training scores
    // every token, which measured better than training with the same shortcut (0.913 vs 0.910).
    const from = doc.offsets[i] as number
    const to = doc.offsets[i + 1] as number
    if (!update && ((p1 === 0 && doc.plain[i]) || from === to)) {
      out[i] = 0
      p2 = p1
      p1 = 0
      continue
    }
    let k = 0
    for (let j = from; j < to && k < 500; j++) feats[k++] = doc.buckets[j] as number
    const l = doc.lower[i] as string
    feats[k++] = (p1Hash[p1] as number) & mask
    feats[k++] = (p2Hash[p2 * NUM_TAGS + p1] as number) & mask
    feats[k++] = mix(mix(plHash, p1), doc.wordHash[i] as number) & mask
    const mem = doc.capital[i] ? (memory.get(l) ?? 0) : 0
    if (mem) {
      feats[k++] = (memHash[mem] as number) & mask
      feats[k++] = (memPrevHash[mem * NUM_TAGS + p1] as number) & mask
    }
    scores.fill(0)
    for (let f = 0; f < k; f++) {
      const base = (rows[feats[f] as number] as number) * NUM_TAGS
      for (let t = 0; t < NUM_TAGS; t++) scores[t] = (scores[t] as number) + (w[base + t] as number)
    }
    let best = 0
    let bestScore = Number.NEGATIVE_INFINITY
    for (let t = 0; t < NUM_TAGS; t++) {
      if ((scores[t] as number) > bestScore && isAllowed(p1, t)) {
        best = t
        bestScore = scores[t] as number
      }
    }
    if (gold && update) {
      const g = gold[i] as number
      if (g !== best) update(feats, k, best, g)
    }
    out[i] = best
    if (best !== 0 && doc.capital[i]) memory.set(l, labelOfTag[best] as number)
    p2 = p1
    p1 = best
  }
  return out
}

/** Turns BIO tags into typed token spans. */
export function spansFromTags(tags: ArrayLike<number>): TokenSpan[] {
  const spans: TokenSpan[] = []
  let open: TokenSpan | undefined
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] as number
    const label = labels[labelOfTag[t as 0] as number] as TokenSpan['label'] | ''
    const inside = t !== 0 && t % 2 === 0
    if (open && inside && open.label === label) {
      open.end = i + 1
      continue
    }
    if (open) spans.push(open)
    open = label ? { label, start: i, end: i + 1 } : undefined
  }
  if (open) spans.push(open)
  return spans
}

/** The tag index of a BIO tag name. */
export function tagIndex(tag: string): number {
  const i = Tags.indexOf(tag as Tag)
  return Math.max(i, 0)
}
