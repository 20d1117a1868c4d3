import { CopydeskError } from '@copydesk/contracts'
import { decideCluster } from './decide-cluster.ts'
import { fingerprintArticle } from './fingerprint.ts'
import { createKeyGate } from './key-gate.ts'
import { type DedupeArticle, DedupeOptions, type DedupeOptionsInput } from './options.ts'
import type { DedupeResult, DedupeStore, Fingerprint, StoreWrite } from './types.ts'

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
  const decide = async (article: DedupeArticle, fp: Fingerprint): Promise<DedupeResult> => {
    const ts = toEpochMs(article.ts)
    const rank = {
      agencyOriginal: article.agencyOriginal === true,
      ts,
      size: fp.shingles.length,
      articleId: article.articleId,
    }
    const settle = article.wireAgency === undefined ? { rank } : { rank, wireAgency: article.wireAgency }
    const settling = { maxCandidates: query.maxCandidates, settle }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const snapshot = await store.read(article.articleId, fp, settling)
      if (snapshot.previous !== null) return snapshot.previous
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
      const outcome = await store.commit(write, snapshot)
      if (outcome.status === 'committed') return outcome.result
      // Writers that conflicted together would retry together (one event-loop turn, one pipeline)
      // and collide again; a random pause of up to a few milliseconds breaks the lockstep.
      if (attempt > 0) await pause(Math.random() * Math.min(8, attempt * 2))
    }
    throw new CopydeskError('ERR_REDIS', `dedupe state kept changing under article ${article.articleId}`, {
      retryable: true,
      articleId: article.articleId,
    })
  }
  return {
    options: opts,
    async assign(article) {
      const fp = fingerprintArticle(article.text, article.title, opts)
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
