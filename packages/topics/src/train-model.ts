import { createBackgroundDocuments } from './background-documents.ts'
import { hashDocument } from './hash-features.ts'
import { MEDIA_TOPIC_INDEX, type MediaTopicCode } from './media-topics.ts'
import { type FeatureVector, vectorizeDocument } from './score-topics.ts'
import type { TopicModelFile } from './topic-model.ts'
import type { TrainingDocument } from './types.ts'

/** Hyper-parameters of the one-vs-rest logistic regression (defaults chosen by BBC cross-validation). */
export interface TrainOptions {
  hashBits?: number
  epochs?: number
  learningRate?: number
  /** L2 penalty per update on the weights a document touches */
  l2?: number
  /** weights below this magnitude are not stored (keeps the file small) */
  minWeight?: number
  seed?: number
  /** folds for fitting the Platt scaling of the heads on out-of-fold scores; 0 or 1 skips it */
  calibrationFolds?: number
  /** synthetic background documents per labelled one (see createBackgroundDocuments) */
  backgroundRatio?: number
  /** most lexicon terms in one background document (0: filler only) */
  backgroundTerms?: number
  /** fit the Platt scaling on labelled articles only (not on background documents) */
  calibrateOnLabelled?: boolean
  /** learn a gate column (background vs labelled) that scales every head by P(labelled domain) */
  gate?: boolean
  /** SGD runs with different shuffles whose weights are averaged */
  ensemble?: number
  /** provenance copied into the model file's meta (never article text) */
  meta?: Record<string, unknown>
}

const DEFAULTS = {
  hashBits: 18,
  epochs: 25,
  learningRate: 0.5,
  l2: 1e-5,
  minWeight: 0.002,
  seed: 1,
  calibrationFolds: 3,
  backgroundRatio: 0.3,
  backgroundTerms: 25,
  calibrateOnLabelled: true,
  gate: true,
  ensemble: 3,
}

/** Small deterministic PRNG (mulberry32), so training the same data twice gives the same model. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Options = typeof DEFAULTS

/** AdaGrad SGD on the logistic loss of every head; returns raw weights (table rows x heads) and biases. */
function fitHeads(vectors: FeatureVector[], labels: number[], k: number, o: Options) {
  if (o.ensemble <= 1) return fitHeadsOnce(vectors, labels, k, o)
  // Averaging the weights of runs with different shuffles is averaging their logits: less variance
  // from the visiting order of SGD.
  const runs = Array.from({ length: o.ensemble }, (_, r) =>
    fitHeadsOnce(vectors, labels, k, { ...o, seed: o.seed + 101 * r }),
  )
  const w = new Float64Array(runs[0]!.w.length)
  const bias = new Float64Array(k)
  for (const run of runs) {
    for (let i = 0; i < w.length; i++) w[i]! += run.w[i]! / runs.length
    for (let j = 0; j < k; j++) bias[j]! += run.bias[j]! / runs.length
  }
  return { w, bias }
}

/** One AdaGrad SGD run. */
function fitHeadsOnce(vectors: FeatureVector[], labels: number[], k: number, o: Options) {
  const heads = o.gate ? k - 1 : k
  const size = 1 << o.hashBits
  const w = new Float64Array(size * k)
  const g2 = new Float64Array(size * k)
  const bias = new Float64Array(k)
  const biasG2 = new Float64Array(k)
  const z = new Float64Array(k)
  const random = createRandom(o.seed)
  const order = vectors.map((_, i) => i)
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const d of order) {
      const { buckets, values } = vectors[d]!
      z.set(bias)
      for (let f = 0; f < buckets.length; f++) {
        const row = buckets[f]! * k
        for (let j = 0; j < k; j++) z[j]! += w[row + j]! * values[f]!
      }
      for (let j = 0; j < k; j++) {
        // Column k (when present) is the gate: is this a background document?
        const target = labels[d] === j || (j === heads && labels[d]! < 0) ? 1 : 0
        const err = 1 / (1 + Math.exp(-z[j]!)) - target
        biasG2[j]! += err * err
        bias[j]! -= (o.learningRate * err) / Math.sqrt(biasG2[j]! + 1e-8)
        for (let f = 0; f < buckets.length; f++) {
          const at = buckets[f]! * k + j
          const grad = err * values[f]! + o.l2 * w[at]!
          g2[at]! += grad * grad
          w[at]! -= (o.learningRate * grad) / Math.sqrt(g2[at]! + 1e-8)
        }
      }
    }
  }
  return { w, bias }
}

/** The linear scores of one document under raw weights. */
function scoreLinear(v: FeatureVector, w: Float64Array, bias: Float64Array, k: number): Float64Array {
  const z = Float64Array.from(bias)
  for (let f = 0; f < v.buckets.length; f++) {
    const row = v.buckets[f]! * k
    for (let j = 0; j < k; j++) z[j]! += w[row + j]! * v.values[f]!
  }
  return z
}

/**
 * Fits one shared Platt scaling (slope, shift) on out-of-fold scores: trained on all data, the heads
 * are sure of what they have seen and unsure of anything new, so their raw probabilities on unseen
 * articles are too low to compare with lexicon scores.
 */
function calibrateHeads(vectors: FeatureVector[], labels: number[], k: number, o: Options) {
  const zs: number[] = []
  const ys: number[] = []
  for (let fold = 0; fold < o.calibrationFolds; fold++) {
    const inFold = (i: number): boolean => i % o.calibrationFolds === fold
    const trainIdx = vectors.map((_, i) => i).filter((i) => !inFold(i))
    // Single runs here: the ensemble changes the variance of the logits far less than their scale,
    // and calibrating it in full would triple the training time.
    const fit = fitHeads(
      trainIdx.map((i) => vectors[i]!),
      trainIdx.map((i) => labels[i]!),
      k,
      { ...o, ensemble: 1 },
    )
    vectors.forEach((v, i) => {
      // Calibrated on labelled articles only: the background documents are too easy to reject
      // and would teach the scaling that everything is unlikely.
      if (!inFold(i) || (o.calibrateOnLabelled && labels[i]! < 0)) return
      scoreLinear(v, fit.w, fit.bias, k).forEach((z, j) => {
        if (o.gate && j === k - 1) return
        zs.push(z)
        ys.push(labels[i] === j ? 1 : 0)
      })
    })
  }
  // Newton's method on the two-parameter logistic loss.
  let slope = 1
  let shift = 0
  for (let step = 0; step < 50; step++) {
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0
    for (let i = 0; i < zs.length; i++) {
      const p = 1 / (1 + Math.exp(-(slope * zs[i]! + shift)))
      const r = p - ys[i]!
      const c = Math.max(p * (1 - p), 1e-9)
      ga += r * zs[i]!
      gb += r
      haa += c * zs[i]! * zs[i]!
      hab += c * zs[i]!
      hbb += c
    }
    const det = haa * hbb - hab * hab
    if (Math.abs(det) < 1e-12) break
    slope -= (hbb * ga - hab * gb) / det
    shift -= (haa * gb - hab * ga) / det
  }
  return { slope, shift }
}

/**
 * Trains one logistic head per Media Topic present in `docs` (one-vs-rest, so each head's sigmoid
 * is its own probability and several can be high at once) with AdaGrad SGD, and returns the model file.
 */
export function trainTopicModel(
  docs: readonly TrainingDocument[],
  options: TrainOptions = {},
): TopicModelFile {
  const o = { ...DEFAULTS, ...options }
  const heads = [...new Set(docs.map((d) => d.code))].sort(
    (a, b) => MEDIA_TOPIC_INDEX.get(a)! - MEDIA_TOPIC_INDEX.get(b)!,
  ) as MediaTopicCode[]
  // One extra weight column for the gate when it is on.
  const k = heads.length + (o.gate ? 1 : 0)
  const background = createBackgroundDocuments(
    heads,
    docs.map((d) => d.text),
    Math.round(docs.length * o.backgroundRatio),
    createRandom(o.seed + 7),
    o.backgroundTerms,
  )
  const vectors = [
    ...docs.map((d) => vectorizeDocument(hashDocument(d.text, d.title), o.hashBits)),
    ...background.map((text) => vectorizeDocument(hashDocument(text), o.hashBits)),
  ]
  // -1: a background document, negative for every head
  const labels = [...docs.map((d) => heads.indexOf(d.code)), ...background.map(() => -1)]
  const { w, bias } = fitHeads(vectors, labels, k, o)
  const { slope, shift } =
    o.calibrationFolds > 1 ? calibrateHeads(vectors, labels, k, o) : { slope: 1, shift: 0 }
  // Platt scaling folded into the weights: sigmoid(slope * z + shift) needs no extra step at runtime.
  const scaled = heads.length
  for (let i = 0; i < w.length; i++) if (i % k < scaled) w[i]! *= slope
  for (let j = 0; j < scaled; j++) bias[j] = bias[j]! * slope + shift
  const size = 1 << o.hashBits
  const bitmap = Buffer.alloc(size >> 3)
  const kept: number[] = []
  let maxAbs = 0
  for (let b = 0; b < size; b++) {
    let keep = false
    for (let j = 0; j < k; j++) if (Math.abs(w[b * k + j]!) >= o.minWeight) keep = true
    if (!keep) continue
    bitmap[b >> 3]! |= 1 << (b & 7)
    kept.push(b)
    for (let j = 0; j < k; j++) maxAbs = Math.max(maxAbs, Math.abs(w[b * k + j]!))
  }
  // int16 with the largest weight at full range: resolution ~ maxAbs / 32767, far below minWeight.
  const scale = maxAbs > 0 ? 32_767 / maxAbs : 1
  const packed = Buffer.alloc(kept.length * k * 2)
  kept.forEach((b, r) => {
    for (let j = 0; j < k; j++) packed.writeInt16LE(Math.round(w[b * k + j]! * scale), (r * k + j) * 2)
  })
  return {
    format: 'copydesk-topics/3',
    hashBits: o.hashBits,
    heads,
    gate: o.gate,
    bias: Array.from(bias, (v) => Math.round(v * 1e6) / 1e6),
    scale,
    rowBitmap: bitmap.toString('base64'),
    weights: packed.toString('base64'),
    meta: { ...o.meta, documents: docs.length, params: { ...o, meta: undefined }, platt: { slope, shift } },
  }
}
