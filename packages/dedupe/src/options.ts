import { z } from 'zod'

/** Tuning of fingerprints and matching; the defaults were chosen on the synthetic dev set. */
export const DedupeOptions = z.object({
  /** words per shingle */
  shingleSize: z.number().int().min(2).max(8).default(4),
  /** bottom-k sketch size kept per article for verification */
  sketchSize: z.number().int().min(8).max(128).default(32),
  /** index keys per article taken from the smallest sampled shingle hashes */
  anchorsByHash: z.number().int().min(0).max(16).default(3),
  /** index keys per article taken from the first sampled shingles in reading order */
  anchorsByPosition: z.number().int().min(0).max(16).default(3),
  /** one shingle in 2^sampleBits is a possible index key (and a query key) */
  sampleBits: z.number().int().min(0).max(6).default(2),
  /** candidates verified per article, most shared keys first */
  maxCandidates: z.number().int().min(1).max(64).default(12),
  /** minimum estimated overlap coefficient for a near duplicate */
  nearThreshold: z.number().min(0).max(1).default(0.5),
  /** minimum shared sketch hashes for a near duplicate */
  minSharedHashes: z.number().int().min(1).default(2),
})
export type DedupeOptions = z.infer<typeof DedupeOptions>
export type DedupeOptionsInput = z.input<typeof DedupeOptions>

/** Window and bounds of the state kept by a store. */
export const StoreOptions = z.object({
  /** articles older than this (by their timestamp) leave the window */
  windowDays: z.number().positive().default(3),
  /** the window in milliseconds; overrides windowDays when given */
  windowMs: z.number().positive().optional(),
  /** hard bound on articles held; the oldest leave first */
  maxArticles: z.number().int().positive().default(1_000_000),
  /** an index key shared by more articles than this is boilerplate: ignored, and not extended */
  postingCap: z.number().int().min(4).max(1024).default(48),
  /** index keys kept per article (must cover the deduper's anchorsByHash + anchorsByPosition) */
  anchorsPerArticle: z.number().int().min(1).max(32).default(6),
  /** bottom-k sketch values kept per article (must cover the deduper's sketchSize) */
  sketchSize: z.number().int().min(8).max(128).default(32),
})
export type StoreOptions = z.infer<typeof StoreOptions>
export type StoreOptionsInput = z.input<typeof StoreOptions>

/** One article to assign to a cluster. */
export const DedupeArticle = z.object({
  articleId: z.string().min(1),
  text: z.string(),
  title: z.string().optional(),
  /** publication or arrival time, ISO 8601 or epoch milliseconds */
  ts: z.union([z.string().datetime({ offset: true }), z.number()]).optional(),
  /** wire agency credited by extraction (AFP, Reuters, AP, ...) */
  wireAgency: z.string().optional(),
  /** true when this article is the agency's own original (published by the agency itself) */
  agencyOriginal: z.boolean().optional(),
})
export type DedupeArticle = z.infer<typeof DedupeArticle>

/** One line of `copydesk dedupe --jsonl` input. */
export const DedupeJsonlRow = z.object({
  id: z.string().min(1),
  text: z.string(),
  title: z.string().optional(),
  ts: z.union([z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date'), z.number()]).optional(),
  wireAgency: z.string().optional(),
})
export type DedupeJsonlRow = z.infer<typeof DedupeJsonlRow>
