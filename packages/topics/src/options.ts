import { z } from 'zod'

/** One input line of `copydesk topics --jsonl`. */
export const TopicsInput = z.object({
  id: z.string().min(1),
  text: z.string(),
  /** null is accepted as 'no title' (upstream JSON often writes missing fields as null) */
  title: z.string().nullish(),
})
export type TopicsInput = z.infer<typeof TopicsInput>

/** How raw evidence becomes a score and which scores are kept. */
export const TagOptions = z.object({
  /** keep every topic scoring at least this */
  threshold: z.number().min(0).max(1).default(0.5),
  /** keep the best topic even below `threshold` when it scores at least this (an article has a subject) */
  minTopScore: z.number().min(0).max(1).default(0.2),
  /** at most this many topics per article */
  maxTopics: z.number().int().min(1).max(17).default(6),
})
export type TagOptions = z.input<typeof TagOptions>
export type ResolvedTagOptions = z.output<typeof TagOptions>

/**
 * Lexicon calibration: score = sigmoid(slope * (evidence - offset)), where evidence is the summed
 * term weight (1 + ln count per term) divided by (max(words, referenceWords) / referenceWords) ^ lengthExponent.
 * Chosen so that one passing mention in a long article stays far below 0.5 while a paragraph
 * built around the topic passes it; checked against BBC top-1 accuracy (scripts/score-bbc.ts).
 */
export const LEXICON_CALIBRATION = { slope: 1, offset: 4, referenceWords: 60, lengthExponent: 1 } as const

/** Content words (stop words excluded) an article needs before the trained heads are consulted. */
export const MIN_WORDS_FOR_HEADS = 8

/** Default location of the shipped model, relative to this file (src/ or dist/). */
export const DEFAULT_MODEL_URL = new URL('../data/topics-model.json', import.meta.url)
