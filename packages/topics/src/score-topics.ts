import { hashDocument } from './hash-features.ts'
import { MEDIA_TOPICS } from './media-topics.ts'
import { LEXICON_CALIBRATION, MIN_WORDS_FOR_HEADS } from './options.ts'
import type { HashedDocument, TopicModel, TopicScore } from './types.ts'

/** Sparse feature vector of a document for the linear heads: table buckets and L2-normalised values. */
export interface FeatureVector {
  buckets: Uint32Array
  values: Float32Array
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

/**
 * The linear model's input: one entry per distinct feature hash, value 1 + ln(count), scaled to unit
 * length so that long and short articles land on the same scale. Training uses the same function.
 */
export function vectorizeDocument(doc: HashedDocument, hashBits: number): FeatureVector {
  const { hashes } = doc
  const mask = (1 << hashBits) - 1
  const buckets = new Uint32Array(hashes.length)
  const values = new Float32Array(hashes.length)
  let n = 0
  let norm = 0
  for (let i = 0; i < hashes.length; ) {
    const h = hashes[i]!
    let j = i + 1
    while (j < hashes.length && hashes[j] === h) j++
    const v = 1 + Math.log(j - i)
    buckets[n] = h & mask
    values[n] = v
    norm += v * v
    n++
    i = j
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < n; i++) values[i]! *= scale
  return { buckets: buckets.subarray(0, n), values: values.subarray(0, n) }
}

/** Summed lexicon weight per topic (1 + ln count per matched term), before length normalisation. */
function sumLexiconEvidence(model: TopicModel, hashes: Uint32Array): Float64Array {
  const evidence = new Float64Array(MEDIA_TOPICS.length)
  for (let i = 0; i < hashes.length; ) {
    const h = hashes[i]!
    let j = i + 1
    while (j < hashes.length && hashes[j] === h) j++
    const pairs = model.lexicon.get(h)
    if (pairs) {
      const damped = 1 + Math.log(j - i)
      for (let p = 0; p < pairs.length; p += 2) evidence[pairs[p]!]! += pairs[p + 1]! * damped
    }
    i = j
  }
  return evidence
}

/** Per-topic evidence of one article, indexed like MEDIA_TOPICS, before the two sources are combined. */
export interface TopicEvidence {
  /** summed lexicon weight per topic (0 where no term matched), before length normalisation */
  lexical: Float64Array
  /** calibrated probability of the trained head of that topic, NaN for topics without a head */
  trained: Float64Array
  /** content words of the article */
  wordCount: number
}

/** Lexicon calibration parameters (see LEXICON_CALIBRATION). */
export type LexiconCalibration = {
  slope: number
  offset: number
  referenceWords: number
  lengthExponent: number
}

/** Computes both kinds of evidence for one hashed article. */
export function computeTopicEvidence(model: TopicModel, doc: HashedDocument): TopicEvidence {
  const lexical = sumLexiconEvidence(model, doc.hashes)
  const trained = new Float64Array(MEDIA_TOPICS.length).fill(Number.NaN)
  const k = model.columns
  const vector = vectorizeDocument(doc, model.hashBits)
  const z = Float64Array.from(model.bias)
  for (let i = 0; i < vector.buckets.length; i++) {
    const row = vector.buckets[i]! * k
    const v = vector.values[i]!
    for (let j = 0; j < k; j++) z[j]! += model.weights[row + j]! * v
  }
  // Below a few words the unit-length vector rests on one or two features and the intercept
  // dominates, so the heads would give confident scores for nothing; only the lexicon speaks then.
  const enough = doc.wordCount >= MIN_WORDS_FOR_HEADS
  // The heads only know the five labelled classes; the gate says how far the article is from them.
  const inDomain = model.gate ? 1 - sigmoid(z[k - 1]!) : 1
  for (let j = 0; j < model.heads.length; j++) {
    trained[model.headTopicIndex[j]!] = enough ? sigmoid(z[j]!) * inDomain : 0
  }
  return { lexical, trained, wordCount: doc.wordCount }
}

/**
 * Turns evidence into one score per topic. The lexicon score is sigmoid(slope * (density - offset)),
 * density = evidence / (max(words, referenceWords) / referenceWords) ^ lengthExponent, so a topic must
 * run through an article, not be mentioned once in it; a topic with a trained head takes the larger
 * of that and the head's probability.
 */
export function combineTopicEvidence(
  evidence: TopicEvidence,
  calibration: LexiconCalibration = LEXICON_CALIBRATION,
): Float64Array {
  const { lexical, trained } = evidence
  const { slope, offset, referenceWords, lengthExponent } = calibration
  const lengthNorm = (Math.max(evidence.wordCount, referenceWords) / referenceWords) ** lengthExponent
  const scores = new Float64Array(lexical.length)
  for (let t = 0; t < scores.length; t++) {
    const lex = lexical[t]! > 0 ? sigmoid(slope * (lexical[t]! / lengthNorm - offset)) : 0
    scores[t] = Number.isNaN(trained[t]!) ? lex : Math.max(lex, trained[t]!)
  }
  return scores
}

/** Scores all 17 top-level topics for one hashed article, indexed like MEDIA_TOPICS. */
export function scoreHashedDocument(model: TopicModel, doc: HashedDocument): Float64Array {
  return combineTopicEvidence(computeTopicEvidence(model, doc))
}

/** Every top-level topic with its score for one article, best first. */
export function rankTopics(model: TopicModel, text: string, title?: string): TopicScore[] {
  const scores = scoreHashedDocument(model, hashDocument(text, title))
  return MEDIA_TOPICS.map((topic, i) => ({ code: topic.code, label: topic.label, score: scores[i]! })).sort(
    (a, b) => b.score - a.score,
  )
}
