import { CopydeskError, isCopydeskError } from '@copydesk/contracts'
import { Redis, type RedisOptions } from 'ioredis'
import { createMicroBatcher } from './micro-batcher.ts'
import { StoreOptions, type StoreOptionsInput } from './options.ts'
import { fromU32, type RedisVersion, toOutcome, toSnapshot } from './redis-replies.ts'
import { COMMIT_ARGS, COMMIT_SCRIPT, READ_SCRIPT } from './redis-scripts.ts'
import type {
  CommitOutcome,
  DedupeStore,
  Fingerprint,
  SettleWrite,
  StoreQuery,
  StoreSnapshot,
  StoreWrite,
} from './types.ts'

const DAY_MS = 86_400_000

/** Options of the Redis store: the window and bounds, plus where and how to connect. */
export interface RedisStoreOptions extends StoreOptionsInput {
  /** redis://host:port/db, used when no client is given */
  url?: string
  /** an existing client (the store does not close it) */
  client?: Redis
  /** key prefix; every key is `{prefix}:...` so one Redis Cluster slot holds them all */
  prefix?: string
  /** same as `prefix` */
  keyPrefix?: string
  /** per-command timeout in milliseconds */
  commandTimeoutMs?: number
  /** most articles read or committed by one script call when assigns run concurrently (64) */
  batchSize?: number
}

interface ReadItem {
  articleId: string
  fp: Fingerprint
  maxCandidates: number
  settle: SettleWrite | undefined
}

interface CommitItem {
  write: StoreWrite
  version: RedisVersion
}

const DEFAULT_BATCH = 64
const NO_COMMIT: readonly string[] = new Array<string>(COMMIT_ARGS).fill('')

interface ScriptedRedis extends Redis {
  dedupeReadBuffer(...args: (string | number | Buffer)[]): Promise<unknown>
  dedupeCommitBuffer(...args: (string | number | Buffer)[]): Promise<unknown>
}

/**
 * Dedupe state in Redis, shared by every instance of the dedupe service. A read script returns
 * candidates (one HMGET per time bucket of posting lists, not one call per query key) and the
 * commit counter it saw; the commit script applies the decision only if no commit since then
 * indexed one of the query keys (and the exact-copy key did not change), else the deduper decides
 * again.
 * So two instances that see two copies of one story at once still put them in one cluster.
 */
export class RedisStore implements DedupeStore {
  private readonly redis: ScriptedRedis
  private readonly owned: boolean
  private readonly prefix: string
  private readonly opts: StoreOptions
  private readonly readOne: (item: ReadItem) => Promise<StoreSnapshot>
  private readonly commitOne: (item: CommitItem) => Promise<CommitOutcome>

  constructor(options: RedisStoreOptions = {}) {
    const { url, client, prefix, keyPrefix, commandTimeoutMs, batchSize, ...store } = options
    this.opts = StoreOptions.parse(store)
    this.prefix = `{${prefix ?? keyPrefix ?? 'copydesk:dedupe'}}`
    const redisOptions: RedisOptions = {
      // Fail a command fast when Redis is away: the stream runtime retries the record with backoff,
      // which a client queueing commands forever would hide.
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs ?? 5_000,
      lazyConnect: false,
      // No auto-pipelining: measured, it cost one-at-a-time callers a third more client CPU and did
      // not help 16 concurrent assigns (bench/dedupe.ts).
      enableAutoPipelining: false,
    }
    this.owned = client === undefined
    this.redis = (client ?? new Redis(url ?? 'redis://127.0.0.1:6379', redisOptions)) as ScriptedRedis
    // An unhandled 'error' event would crash the process; failures surface on each command instead.
    if (this.owned) this.redis.on('error', () => {})
    this.redis.defineCommand('dedupeRead', { lua: READ_SCRIPT })
    this.redis.defineCommand('dedupeCommit', { lua: COMMIT_SCRIPT })
    const maxBatch = batchSize ?? DEFAULT_BATCH
    this.readOne = createMicroBatcher((items) => this.readBatch(items), maxBatch)
    this.commitOne = createMicroBatcher((items) => this.commitBatch(items), maxBatch)
  }

  async read(articleId: string, fp: Fingerprint, query: StoreQuery): Promise<StoreSnapshot> {
    return this.readOne({ articleId, fp, maxCandidates: query.maxCandidates, settle: query.settle })
  }

  async commit(write: StoreWrite, snapshot: StoreSnapshot): Promise<CommitOutcome> {
    if (snapshot.previous !== null) return { status: 'committed', result: snapshot.previous }
    return this.commitOne({ write, version: snapshot.version as RedisVersion })
  }

  /** One READ script call for every read of the batch (grouped by maxCandidates, its argument). */
  private async readBatch(items: ReadItem[]): Promise<StoreSnapshot[]> {
    const out: StoreSnapshot[] = new Array(items.length)
    for (const maxC of new Set(items.map((i) => i.maxCandidates))) {
      const at = items.flatMap((item, i) => (item.maxCandidates === maxC ? [i] : []))
      const keys = at.flatMap((i) => this.keysFor(items[i]!.articleId, items[i]!.fp))
      const perArticle = at.flatMap((i) => this.readArgs(items[i]!))
      const replies = (await this.call(() =>
        this.redis.dedupeReadBuffer(
          keys.length,
          ...keys,
          this.prefix,
          maxC,
          this.opts.postingCap,
          this.ttlMs(),
          ...perArticle,
        ),
      )) as unknown[][]
      at.forEach((i, j) => {
        out[i] = toSnapshot(items[i]!.articleId, replies[j]!, items[i]!.settle)
      })
    }
    return out
  }

  /** One COMMIT script call for every commit of the batch, applied in order. */
  private async commitBatch(items: CommitItem[]): Promise<CommitOutcome[]> {
    const keys = items.flatMap(({ write }) => this.keysFor(write.articleId, write.fingerprint))
    const args = items.flatMap(({ write, version }) => this.commitArgs(write, version))
    const replies = (await this.call(() =>
      this.redis.dedupeCommitBuffer(
        keys.length,
        ...keys,
        this.prefix,
        this.ttlMs(),
        this.opts.postingCap,
        ...args,
      ),
    )) as unknown[][]
    return items.map(({ write }, i) => toOutcome(write, replies[i]!))
  }

  /** READ's arguments for one article: its query keys, then COMMIT's for a read that settles it. */
  private readArgs(item: ReadItem): (string | number | Buffer)[] {
    const blob = fromU32(item.fp.queryKeys)
    if (item.settle === undefined) return [blob, ...NO_COMMIT]
    const write: StoreWrite = {
      articleId: item.articleId,
      joinArticleId: null,
      kind: 'unique',
      similarity: 0,
      fingerprint: item.fp,
      rank: item.settle.rank,
      composite: false,
    }
    if (item.settle.wireAgency !== undefined) write.wireAgency = item.settle.wireAgency
    // The decision fields (expected exact, join, kind, similarity, counter) are the script's, and
    // the query keys are not sent twice: COMMIT reads them only to check commits made since the
    // read, and there are none within the read itself.
    return [blob, ...this.commitArgs(write, { exact: '', sum: '0' }, false)]
  }

  private commitArgs(
    write: StoreWrite,
    version: RedisVersion,
    withQueryKeys = true,
  ): (string | number | Buffer)[] {
    const fp = write.fingerprint
    const sketch =
      fp.sketch.length > this.opts.sketchSize ? fp.sketch.subarray(0, this.opts.sketchSize) : fp.sketch
    const args = [
      version.exact,
      write.joinArticleId ?? '',
      write.articleId,
      write.kind,
      String(write.similarity),
      write.wireAgency ?? '',
      fromU32(sketch),
      write.rank.size,
      fromU32(fp.anchors.subarray(0, fp.leadCount)),
      write.composite ? '1' : '0',
      write.rank.agencyOriginal ? 1 : 0,
      String(write.rank.ts),
      withQueryKeys ? fromU32(fp.queryKeys) : '',
      fromU32(fp.anchors),
      version.sum,
    ]
    return args
  }

  async close(): Promise<void> {
    if (this.owned) this.redis.disconnect()
  }

  private ttlMs(): number {
    return Math.round(this.opts.windowMs ?? this.opts.windowDays * DAY_MS)
  }

  private keysFor(articleId: string, fp: Fingerprint): [string, string] {
    return [`${this.prefix}:d:${articleId}`, `${this.prefix}:x:${fp.exactKey}`]
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (err) {
      if (isCopydeskError(err)) throw err
      throw new CopydeskError('ERR_REDIS', `dedupe state in Redis failed: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
      })
    }
  }
}

/** Connects a Redis client for admin use (tests, bench); an unreachable server is ERR_REDIS. */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
    return client
  } catch (err) {
    client.disconnect()
    throw new CopydeskError('ERR_REDIS', `Redis unreachable at ${url}: ${(err as Error).message}`, {
      cause: err,
    })
  }
}
