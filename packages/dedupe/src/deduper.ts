import { CopydeskError } from '@copydesk/contracts'
import { decideCluster } from './decide-cluster.ts'
import { fingerprintArticle } from './fingerprint.ts'
import { createKeyGate } from './key-gate.ts'
import { type DedupeArticle, DedupeOptions, type DedupeOptionsInput } from './options.ts'
import type {
  CanonicalRank,
  DedupeResult,
  DedupeStore,
  Fingerprint,
  StoreSnapshot,
  StoreWrite,
  SyncDedupeStore,
} from './types.ts'

// A conflict means another writer changed the keys this article was matched against; a handful of
// retries settles any realistic race, and more means something is wrong with the store.
const MAX_ATTEMPTS = 16

/** Assigns articles to clusters against one store. */
export interface Deduper {
  /** Assigns one article; the same articleId always gets its first answer back. */
  assign(article: DedupeArticle): Promise<DedupeResult>
  readonly options: DedupeOptions
}

/** Builds a deduper over a store (memory or Redis). */
export function createDeduper(store: DedupeStore, options: DedupeOptionsInput = {}): Deduper {
  const opts = DedupeOptions.parse(options)
  const query = { maxCandidates: opts.maxCandidates }
  const gate = createKeyGate()
  const rankOf = (article: DedupeArticle, fp: Fingerprint): CanonicalRank => ({
    agencyOriginal: article.agencyOriginal === true,
    ts: toEpochMs(article.ts),
    size: fp.shingles.length,
    articleId: article.articleId,
  })
  const writeOf = (
    article: DedupeArticle,
    fp: Fingerprint,
    snapshot: StoreSnapshot,
    rank: CanonicalRank,
  ): StoreWrite => {
    const decision = decideCluster(fp, snapshot, opts)
    const write: StoreWrite = {
      articleId: article.articleId,
      joinArticleId: decision.joinArticleId,
      kind: decision.kind,
      similarity: decision.similarity,
      composite: decision.composite,
      fingerprint: fp,
      rank,
    }
    if (article.wireAgency !== undefined) write.wireAgency = article.wireAgency
    return write
  }
  const decide = async (article: DedupeArticle, fp: Fingerprint): Promise<DedupeResult> => {
    const rank = rankOf(article, fp)
    const settle = article.wireAgency === undefined ? { rank } : { rank, wireAgency: article.wireAgency }
    const settling = { maxCandidates: query.maxCandidates, settle }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const snapshot = await store.read(article.articleId, fp, settling)
      if (snapshot.previous !== null) return snapshot.previous
      const outcome = await store.commit(writeOf(article, fp, snapshot, rank), snapshot)
      if (outcome.status === 'committed') return outcome.result
      // Writers that conflicted together would retry together (one event-loop turn, one pipeline)
      // and collide again; a random pause of up to a few milliseconds breaks the lockstep.
      if (attempt > 0) await pause(Math.random() * Math.min(8, attempt * 2))
    }
    throw changingState(article.articleId)
  }
  // A store that answers synchronously (the memory store) runs each assign to its end without
  // yielding: nothing interleaves, so there is no gate to pass and no promise per store call.
  // A commit can still conflict (the article to join left the window in the commit's own
  // eviction), so the read and decision are retried as on the asynchronous path.
  const sync = isSyncStore(store) ? store : null
  const decideSync = (sync: SyncDedupeStore, article: DedupeArticle, fp: Fingerprint): DedupeResult => {
    const rank = rankOf(article, fp)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const snapshot = sync.readSync(article.articleId, fp, query)
      if (snapshot.previous !== null) return snapshot.previous
      const outcome = sync.commitSync(writeOf(article, fp, snapshot, rank), snapshot)
      if (outcome.status === 'committed') return outcome.result
    }
    throw changingState(article.articleId)
  }
  return {
    options: opts,
    async assign(article) {
      const fp = fingerprintArticle(article.text, article.title, opts)
      if (sync !== null) return decideSync(sync, article, fp)
      const pass = gate.enter(article.articleId, fp)
      const entry = pass instanceof Promise ? await pass : pass
      try {
        return await decide(article, fp)
      } finally {
        gate.leave(entry)
      }
    },
  }
}

function changingState(articleId: string): CopydeskError {
  return new CopydeskError('ERR_REDIS', `dedupe state kept changing under article ${articleId}`, {
    retryable: true,
    articleId,
  })
}

function isSyncStore(store: DedupeStore): store is SyncDedupeStore {
  const s = store as Partial<SyncDedupeStore>
  return typeof s.readSync === 'function' && typeof s.commitSync === 'function'
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Epoch milliseconds of an ISO timestamp or a number; now when absent. */
export function toEpochMs(ts: string | number | undefined): number {
  if (ts === undefined) return Date.now()
  if (typeof ts === 'number') return ts
  const ms = Date.parse(ts)
  return Number.isNaN(ms) ? Date.now() : ms
}
