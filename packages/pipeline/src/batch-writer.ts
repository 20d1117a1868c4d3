import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { CopydeskError } from '@copydesk/contracts'
import { batchKey, type ObjectStore } from '@copydesk/storage'

export interface BatchWriterOptions {
  /** a file closes after this many records (offset-aligned, so a replay cuts it at the same place) */
  maxRecords: number
  /** ... or once its lines reach this many bytes */
  maxBytes: number
  /** an open file is written out (and kept open) once its oldest unwritten line is this old */
  maxAgeMs: number
  /** ... or once no record has come for this long */
  idleMs: number
  now?: () => number
  /**
   * What makes the lines (a digest of the pipeline version, see `versionTag`). A stored version of
   * a file with the same tag and at least as many lines is kept; one with another tag (written
   * before a replay with changed enrichment) is replaced whatever its length.
   */
  tag?: string
  /**
   * The lines of a partition's records in [from, to), in offset order, rebuilt from the input. Called
   * when the first record this writer sees of a partition is inside a block (a restart or a
   * rebalance): the lines of the block's earlier records, committed before, are in no file this
   * writer has, and whatever the last owner wrote of them may have missed its last lines (a crash
   * after a commit, before the next snapshot). With them the file is rebuilt whole, under the same key.
   */
  recover?: (topic: string, partition: number, from: string, to: string) => Promise<RecoveredLine[]>
}

/** One record's line rebuilt by `recover`. */
export interface RecoveredLine {
  offset: string
  timestampMs: number
  line: string
}

interface OpenFile {
  key: string
  block: bigint
  hour: number
  lines: string[]
  bytes: number
  /** lines in the last snapshot of this file that reached the store */
  written: number
  /** the write in flight, if any: the next one waits for it */
  writing: Promise<void>
  oldestUnwrittenAt: number
  lastAddAt: number
}

const HOUR = 3_600_000
/** User metadata of a batch file: how many lines it holds and what made them. */
const LINES_META = 'copydesk-lines'
const TAG_META = 'copydesk-tag'
/** Conditional writes lost in a row before a write gives up (retryably): another writer keeps writing. */
const MAX_CONFLICTS = 5
// On the libuv pool: a closing file of 1,000 records is megabytes (up to BATCH_MAX_BYTES), and
// compressing it on the event loop would stall every partition of the service (~17 ms per 5.7 MB
// of text measured here, growing with the file).
const gzipAsync = promisify(gzip)

/**
 * Writes NDJSON.gz batch files per topic partition. A file's boundaries depend only on the records
 * (aligned offset blocks, size, the hour of the Kafka timestamp), never on timing, and its key comes
 * from its first record: a replay of the same offsets therefore rewrites the same files. Age and
 * idleness only write a snapshot of the open file under that same key, so a quiet partition's
 * records reach storage without waiting for the next record.
 */
export class BatchWriter {
  readonly #files = new Map<string, OpenFile>()
  /** the highest offset added per partition: a record handled again (after an aborted commit) is skipped */
  readonly #lastOffset = new Map<string, bigint>()
  readonly #store: ObjectStore
  readonly #opts: Required<Omit<BatchWriterOptions, 'recover'>> & Pick<BatchWriterOptions, 'recover'>

  constructor(store: ObjectStore, options: BatchWriterOptions) {
    this.#store = store
    this.#opts = { now: Date.now, tag: '', ...options }
  }

  /** A partition's recovery in flight: its records wait for it. */
  readonly #recovering = new Map<string, Promise<void>>()

  /** Adds one record's line; writes the file when it closes. */
  async add(
    topic: string,
    partition: number,
    offset: string,
    timestampMs: number,
    line: string,
  ): Promise<void> {
    const id = `${topic}\u0000${partition}`
    await this.#recovering.get(id)
    if (!this.#lastOffset.has(id)) await this.#recover(id, topic, partition, BigInt(offset))
    await this.#append(id, topic, partition, offset, timestampMs, line)
  }

  /**
   * Takes a partition up at `nextOffset` (its committed offset) when this writer has nothing of it
   * yet: rebuilds the block's earlier lines (`recover`) and writes the file now. Call it when a
   * partition is assigned, so that a block whose records all came before a crash is written whole
   * even when no record follows.
   */
  async resume(topic: string, partition: number, nextOffset: string): Promise<void> {
    const id = `${topic}\u0000${partition}`
    await this.#recovering.get(id)
    if (this.#lastOffset.has(id) || BigInt(nextOffset) < 0n) return
    await this.#recover(id, topic, partition, BigInt(nextOffset))
    const file = this.#files.get(id)
    if (file && file.written < file.lines.length) await this.#write(file)
  }

  /** Rebuilds the lines of the block of `at` before it, once per partition (see `recover`). */
  #recover(id: string, topic: string, partition: number, at: bigint): Promise<void> {
    const blockStart = (at / BigInt(this.#opts.maxRecords)) * BigInt(this.#opts.maxRecords)
    const recover = this.#opts.recover
    if (!recover || at <= blockStart) return Promise.resolve()
    // Marks the partition as taken up first, so the recovered lines go in without recovering again.
    this.#lastOffset.set(id, blockStart - 1n)
    const run = (async () => {
      try {
        const lines = await recover(topic, partition, String(blockStart), String(at))
        for (const r of lines)
          if (BigInt(r.offset) < at) await this.#append(id, topic, partition, r.offset, r.timestampMs, r.line)
      } catch (err) {
        // Not recovered: the next attempt recovers from scratch.
        this.#lastOffset.delete(id)
        this.#files.delete(id)
        throw err
      } finally {
        this.#recovering.delete(id)
      }
    })()
    this.#recovering.set(id, run)
    return run
  }

  async #append(
    id: string,
    topic: string,
    partition: number,
    offset: string,
    timestampMs: number,
    line: string,
  ): Promise<void> {
    const at = BigInt(offset)
    const last = this.#lastOffset.get(id)
    if (last !== undefined && at <= last) return
    const block = at / BigInt(this.#opts.maxRecords)
    const hour = Math.floor(timestampMs / HOUR)
    let file = this.#files.get(id)
    if (
      file &&
      (file.block !== block || file.hour !== hour || file.bytes + line.length + 1 > this.#opts.maxBytes)
    ) {
      await this.#write(file)
      this.#files.delete(id)
      file = undefined
    }
    const now = this.#opts.now()
    if (!file) {
      file = {
        key: batchKey(topic, partition, offset, timestampMs),
        block,
        hour,
        lines: [],
        bytes: 0,
        written: 0,
        writing: Promise.resolve(),
        oldestUnwrittenAt: now,
        lastAddAt: now,
      }
      this.#files.set(id, file)
    }
    if (file.written === file.lines.length) file.oldestUnwrittenAt = now
    file.lines.push(line)
    file.bytes += Buffer.byteLength(line) + 1
    file.lastAddAt = now
    this.#lastOffset.set(id, at)
  }

  /** Writes snapshots of files that are too old or idle; call it from a timer. */
  async tick(): Promise<number> {
    const now = this.#opts.now()
    let written = 0
    for (const file of this.#files.values()) {
      if (file.written === file.lines.length) continue
      if (now - file.oldestUnwrittenAt >= this.#opts.maxAgeMs || now - file.lastAddAt >= this.#opts.idleMs) {
        await this.#write(file)
        written++
      }
    }
    return written
  }

  /** Writes every open file with unwritten lines (before a commit, on shutdown, on revocation). */
  async flushAll(): Promise<void> {
    for (const file of this.#files.values()) if (file.written < file.lines.length) await this.#write(file)
  }

  /**
   * Forgets the partitions of `topic` this instance no longer owns, without writing their files:
   * the new owner rebuilds each open block from the input (`resume`), and a write from here could
   * land after its longer version. Should a partition come back, it is taken up afresh.
   */
  retain(topic: string, owned: readonly number[]): void {
    const prefix = `${topic}\u0000`
    for (const id of new Set([...this.#files.keys(), ...this.#lastOffset.keys()])) {
      if (!id.startsWith(prefix) || owned.includes(Number(id.slice(prefix.length)))) continue
      this.#files.delete(id)
      this.#lastOffset.delete(id)
    }
  }

  /**
   * Writes the file's lines so far. Writes of one file are chained: a timer's snapshot still in
   * flight must not land after the closing write and leave the shorter version in storage.
   */
  #write(file: OpenFile): Promise<void> {
    const next = file.writing.then(async () => {
      const count = file.lines.length
      if (count === 0 || count === file.written) return
      // gzip output is deterministic in Node (no timestamp in the header), so equal lines give equal bytes.
      const body = await gzipAsync(`${file.lines.slice(0, count).join('\n')}\n`)
      await this.#publish(file.key, body, count)
      file.written = count
    })
    // The chain goes on after a failure; the caller still sees it (and the stage retries).
    file.writing = next.catch(() => {})
    return next
  }

  /**
   * Stores a version of a file of `lines` lines unless the store holds one at least as long from
   * the same pipeline. Every version of a file is a prefix of the next (the same records give the
   * same lines, in offset order), so the longer is the truth. Two writers of one file (an instance
   * and the one that took its partition over in a rebalance, or a zombie instance that does not
   * know it lost it yet) could otherwise land a shorter snapshot after a longer one: the write is
   * a compare-and-swap on the version the store showed (If-Match, or If-None-Match when none).
   */
  async #publish(key: string, body: Buffer, lines: number): Promise<void> {
    const tag = this.#opts.tag
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
      const current = await this.#store.head(key)
      if (current && current.metadata[TAG_META] === tag && Number(current.metadata[LINES_META]) >= lines)
        return
      const put = await this.#store.put(key, body, {
        contentType: 'application/x-ndjson',
        contentEncoding: 'gzip',
        metadata: { [LINES_META]: String(lines), [TAG_META]: tag },
        ...(current ? { ifMatch: current.etag } : { ifAbsent: true }),
      })
      if (put) return
    }
    throw new CopydeskError(
      'ERR_S3',
      `batch file ${key}: another writer changed it under each of ${MAX_CONFLICTS} conditional writes`,
    )
  }
}
