import { CopydeskError, isCopydeskError } from '@copydesk/contracts'
import { Redis, type RedisOptions } from 'ioredis'
import { StoreOptions, type StoreOptionsInput } from './options.ts'
import { COMMIT_SCRIPT, READ_SCRIPT } from './redis-scripts.ts'
import type {
  Candidate,
  CommitOutcome,
  DedupeResult,
  DedupeStore,
  DuplicateKind,
  Fingerprint,
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
}

interface ScriptedRedis extends Redis {
  dedupeReadBuffer(...args: (string | number | Buffer)[]): Promise<unknown>
  dedupeCommitBuffer(...args: (string | number | Buffer)[]): Promise<unknown>
}

interface RedisVersion {
  exact: string
  /** sum of the version stripes of the query keys, as READ saw it */
  sum: string
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

  constructor(options: RedisStoreOptions = {}) {
    const { url, client, prefix, keyPrefix, commandTimeoutMs, ...store } = options
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
  }

  async read(articleId: string, fp: Fingerprint, query: StoreQuery): Promise<StoreSnapshot> {
    const reply = (await this.call(() =>
      this.redis.dedupeReadBuffer(
        2,
        ...this.keysFor(articleId, fp),
        this.prefix,
        query.maxCandidates,
        this.opts.postingCap,
        fromU32(fp.queryKeys),
        this.ttlMs(),
      ),
    )) as unknown[]
    if (Number(reply[0]) === 1) {
      return {
        previous: toResult(articleId, reply[1] as (Buffer | null)[]),
        exact: null,
        candidates: [],
        version: null,
      }
    }
    const exactRaw = reply[1] ? String(reply[1]) : ''
    const exactCluster = reply[2] ? String(reply[2]) : ''
    const sum = String(reply[3])
    const candidates: Candidate[] = (reply[4] as Buffer[][]).map((row) => {
      const sketch = toU32(row[3])
      return {
        articleId: String(row[0]),
        sharedKeys: Number(row[1]),
        clusterId: String(row[2]),
        sketch,
        sketchMax: sketch.length === 0 ? 0 : sketch[sketch.length - 1]!,
        size: Number(String(row[4])),
        leadKeys: toU32(row[5]),
        composite: String(row[6]) === '1',
      }
    })
    const exact =
      exactRaw !== '' && exactCluster !== '' ? { articleId: exactRaw, clusterId: exactCluster } : null
    const version: RedisVersion = { exact: exactRaw, sum }
    return { previous: null, exact, candidates, version }
  }

  async commit(write: StoreWrite, snapshot: StoreSnapshot): Promise<CommitOutcome> {
    if (snapshot.previous !== null) return { status: 'committed', result: snapshot.previous }
    const version = snapshot.version as RedisVersion
    const fp = write.fingerprint
    const sketch =
      fp.sketch.length > this.opts.sketchSize ? fp.sketch.subarray(0, this.opts.sketchSize) : fp.sketch
    const reply = (await this.call(() =>
      this.redis.dedupeCommitBuffer(
        2,
        ...this.keysFor(write.articleId, fp),
        this.prefix,
        this.ttlMs(),
        this.opts.postingCap,
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
        fromU32(fp.queryKeys),
        fromU32(fp.anchors),
        version.sum,
      ),
    )) as unknown[]
    const status = Number(reply[0])
    if (status === 2) return { status: 'conflict' }
    if (status === 1)
      return { status: 'committed', result: toResult(write.articleId, reply[1] as (Buffer | null)[]) }
    const result: DedupeResult = {
      articleId: write.articleId,
      clusterId: String(reply[1]),
      duplicateOf: String(reply[2]) === '' ? null : String(reply[2]),
      kind: write.kind,
      similarity: Math.round(write.similarity * 1000) / 1000,
    }
    if (write.wireAgency !== undefined) result.wireAgency = write.wireAgency
    return { status: 'committed', result }
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

function toResult(articleId: string, fields: (Buffer | null)[]): DedupeResult {
  const [cluster, kind, similarity, dupOf, agency] = fields.map((f) => (f === null ? '' : String(f)))
  const result: DedupeResult = {
    articleId,
    clusterId: cluster ?? articleId,
    duplicateOf: dupOf === undefined || dupOf === '' ? null : dupOf,
    kind: (kind || 'unique') as DuplicateKind,
    similarity: Math.round(Number(similarity) * 1000) / 1000,
  }
  if (agency !== undefined && agency !== '') result.wireAgency = agency
  return result
}

function fromU32(values: Uint32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength)
}

function toU32(buf: unknown): Uint32Array {
  if (!Buffer.isBuffer(buf) || buf.length === 0) return new Uint32Array(0)
  const copy = new Uint32Array(buf.length >>> 2)
  new Uint8Array(copy.buffer).set(buf.subarray(0, copy.length * 4))
  return copy
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
