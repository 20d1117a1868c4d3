export { isBetterCanonical } from './canonical-rank.ts'
export { type ClusterDecision, decideCluster } from './decide-cluster.ts'
export { createDeduper, type Deduper, toEpochMs } from './deduper.ts'
export { estimateOverlap, type OverlapEstimate } from './estimate-overlap.ts'
export { fingerprintArticle } from './fingerprint.ts'
export { createJsonlHandler, type DedupeJsonlOutput } from './jsonl.ts'
export { MemoryStore } from './memory-store.ts'
export {
  DedupeArticle,
  DedupeJsonlRow,
  DedupeOptions,
  type DedupeOptionsInput,
  StoreOptions,
  type StoreOptionsInput,
} from './options.ts'
export { connectRedis, RedisStore, type RedisStoreOptions } from './redis-store.ts'
export type {
  Candidate,
  CanonicalRank,
  CommitOutcome,
  DedupeResult,
  DedupeStore,
  DuplicateKind,
  Fingerprint,
  SettleWrite,
  StoreQuery,
  StoreSnapshot,
  StoreWrite,
  SyncDedupeStore,
} from './types.ts'
