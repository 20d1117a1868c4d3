/** How an article relates to its cluster. */
export const DuplicateKind = { unique: 'unique', exact: 'exact', near: 'near' } as const
export type DuplicateKind = (typeof DuplicateKind)[keyof typeof DuplicateKind]

/** The answer for one article. */
export interface DedupeResult {
  articleId: string
  /** stable id of the story cluster, derived from its first member */
  clusterId: string
  /** the cluster's canonical article when this one is not it, else null */
  duplicateOf: string | null
  kind: DuplicateKind
  /** estimated overlap with the best-matching member (1 for exact copies, 0 when unique) */
  similarity: number
  wireAgency?: string
}

/** Compact fingerprint of one article. */
export interface Fingerprint {
  /** 64-bit hash (hex) of the whole normalised text, for exact copies */
  exactKey: string
  /**
   * distinct shingle hashes of the story body: the query keys (sampled hashes) ascending first,
   * then the others, each greater than every query key, in no set order (ascending when the article
   * has fewer sampled hashes than the sketch size, so the sketch is always its first values)
   */
  shingles: Uint32Array
  /** the smallest `sketchSize` shingle hashes (bottom-k sketch) */
  sketch: Uint32Array
  /** index keys stored for this article: the `leadCount` lead keys first, then the smallest hashes */
  anchors: Uint32Array
  /** how many of `anchors` are lead keys: the first sampled shingles in reading order */
  leadCount: number
  /** query keys: every sampled shingle hash */
  queryKeys: Uint32Array
}

/** Rank of an article for the canonical choice, stored with it. */
export interface CanonicalRank {
  agencyOriginal: boolean
  /** epoch milliseconds */
  ts: number
  /** distinct body shingles: the more complete copy has more */
  size: number
  articleId: string
}

/** A stored article that shares index keys with the article being assigned. */
export interface Candidate {
  articleId: string
  clusterId: string
  /**
   * the stored bottom-k sketch, ascending: full 32-bit hashes, or (memory store) their low 16 bits
   * sorted by those bits, which halves the state at a false-match rate of about k / 65536 per hash
   */
  sketch: Uint32Array | Uint16Array
  /** the largest full hash of the sketch (τ) */
  sketchMax: number
  size: number
  /** index keys shared with the query */
  sharedKeys: number
  /** the stored article's lead keys (first sampled shingles in reading order) */
  leadKeys: Uint32Array
  /** the stored article was found to be made of several stories (a digest): never joined */
  composite: boolean
}

/** What a store returns for one article before the decision. */
export interface StoreSnapshot {
  /** the earlier answer when this article id was already processed (idempotency) */
  previous: DedupeResult | null
  /** a stored exact copy */
  exact: { articleId: string; clusterId: string } | null
  candidates: Candidate[]
  /** opaque token the store checks at commit time (optimistic concurrency) */
  version: unknown
}

/** Limits of a candidate read, and what to record at once when the read settles the decision. */
export interface StoreQuery {
  maxCandidates: number
  /**
   * The article being assigned. When the read finds an exact copy (the decision is 'exact') or no
   * candidate at all (the decision is 'unique', whatever the options), a store may commit it in
   * the same atomic step and answer it as `previous`, saving the commit's round trip; a store that
   * cannot simply ignores it.
   */
  settle?: SettleWrite
}

/** What a store needs to commit an article whose read settled its decision. */
export interface SettleWrite {
  rank: CanonicalRank
  wireAgency?: string
}

/** What the deduper decided and asks the store to record atomically. */
export interface StoreWrite {
  articleId: string
  /** the stored member whose cluster this article joins; null starts a new cluster */
  joinArticleId: string | null
  kind: DuplicateKind
  similarity: number
  fingerprint: Fingerprint
  rank: CanonicalRank
  /** the article is made of several stories (a digest of briefs) */
  composite: boolean
  wireAgency?: string
}

/** Outcome of a commit: the final answer, or a conflict when the state changed since the read. */
export type CommitOutcome = { status: 'committed'; result: DedupeResult } | { status: 'conflict' }

/** The state port of dedupe: one implementation in memory, one in Redis. */
export interface DedupeStore {
  /** Reads the previous answer, an exact copy, and candidates sharing index keys. */
  read(articleId: string, fingerprint: Fingerprint, query: StoreQuery): Promise<StoreSnapshot>
  /** Records the article unless the state seen by `read` changed (then returns a conflict). */
  commit(write: StoreWrite, snapshot: StoreSnapshot): Promise<CommitOutcome>
  /** Releases connections; the memory store is a no-op. */
  close(): Promise<void>
}

/**
 * A store that also answers synchronously (the memory store): the deduper then runs each assign
 * to its end without yielding (no promise per call, nothing to interleave with).
 */
export interface SyncDedupeStore extends DedupeStore {
  readSync(articleId: string, fingerprint: Fingerprint, query: StoreQuery): StoreSnapshot
  commitSync(write: StoreWrite, snapshot: StoreSnapshot): CommitOutcome
}
