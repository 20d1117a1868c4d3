import type { MediaTopicCode } from './media-topics.ts'

/** One Media Topic assigned to an article, with a score in [0, 1]. */
export interface TopicScore {
  code: MediaTopicCode
  label: string
  score: number
}

/** An article reduced to its sorted unigram/bigram feature hashes. */
export interface HashedDocument {
  /** 32-bit feature hashes, sorted ascending (equal hashes adjacent, so runs give term counts) */
  hashes: Uint32Array
  /** content words seen (title and body), used to normalise lexicon evidence by length */
  wordCount: number
}

/** A labelled training article. */
export interface TrainingDocument {
  text: string
  title?: string
  /** the Media Topic it is labelled with */
  code: MediaTopicCode
}

/** The compiled model: a linear one-vs-rest classifier over hashed features plus the lexicon. */
export interface TopicModel {
  hashBits: number
  /** Media Topic codes of the trained heads, in weight-column order */
  heads: readonly MediaTopicCode[]
  /** weight columns: the heads, plus the gate when `gate` */
  columns: number
  /** the last column is a gate: P(the article is unlike the labelled data) */
  gate: boolean
  /** head index -> index in MEDIA_TOPICS */
  headTopicIndex: Int32Array
  bias: Float32Array
  /** dense weights, (1 << hashBits) rows x `columns` */
  weights: Float32Array
  /** full 32-bit term hash -> pairs of (MEDIA_TOPICS index, weight) */
  lexicon: ReadonlyMap<number, readonly number[]>
  /** provenance from the model file (what it was trained on, parameters) */
  meta: Readonly<Record<string, unknown>>
}
