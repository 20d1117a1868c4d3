import { randomUUID } from 'node:crypto'
import type { IHeaders, Kafka } from 'kafkajs'

/** Where a range starts or ends: an offset, or the first record at or after a time (epoch ms). */
export type RangeBound = { offset: string } | { timestamp: number }

/** One record of a read range. */
export interface RangeRecord {
  topic: string
  partition: number
  offset: string
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: IHeaders
}

export interface ReadRangeOptions {
  topic: string
  /** partitions to read; all of the topic's by default */
  partitions?: readonly number[]
  /** inclusive start per partition: a bound, or a map partition → offset (a resume checkpoint) */
  from?: RangeBound | ReadonlyMap<number, string>
  /** exclusive end: a bound, or a map partition → offset; by default the end of each partition when the read starts */
  to?: RangeBound | ReadonlyMap<number, string>
  /** keep reading new records after the end (like tail -f) until the signal aborts */
  follow?: boolean
  /** read aborted transactions too (default false: only what was committed) */
  readUncommitted?: boolean
  signal?: AbortSignal
  /** called per fetched batch of one partition, in offset order, before the next batch of that partition */
  onRecords: (records: RangeRecord[]) => Promise<void> | void
}

/** What a read covered per partition: [start, end), and the next offset not read. */
export interface RangePlan {
  partition: number
  start: string
  end: string
}

const big = (s: string) => BigInt(s)

async function topicPartitions(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] })
    return (meta.topics[0]?.partitions ?? []).map((p) => p.partitionId)
  } finally {
    await admin.disconnect()
  }
}

/** Resolves the [start, end) offsets of each partition of a range without reading it. */
export async function planRange(
  kafka: Kafka,
  options: Omit<ReadRangeOptions, 'onRecords'>,
): Promise<RangePlan[]> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const watermarks = await admin.fetchTopicOffsets(options.topic)
    const selected = new Set(options.partitions ?? watermarks.map((w) => w.partition))
    for (const p of selected) {
      if (!watermarks.some((w) => w.partition === p))
        throw new Error(`topic ${options.topic} has no partition ${p}`)
    }
    const atTime = async (ts: number) =>
      new Map(
        (await admin.fetchTopicOffsetsByTimestamp(options.topic, ts)).map((o) => [o.partition, o.offset]),
      )
    const fromTimes =
      options.from && 'timestamp' in options.from ? await atTime(options.from.timestamp) : null
    const toTimes =
      options.to && !(options.to instanceof Map) && 'timestamp' in options.to
        ? await atTime(options.to.timestamp)
        : null
    return watermarks
      .filter((w) => selected.has(w.partition))
      .sort((a, b) => a.partition - b.partition)
      .map((w) => {
        const clamp = (o: string) => (big(o) < big(w.low) ? w.low : big(o) > big(w.high) ? w.high : o)
        let start = w.low
        if (options.from instanceof Map) start = options.from.get(w.partition) ?? w.low
        else if (options.from && 'offset' in options.from) start = options.from.offset
        else if (fromTimes) start = fromTimes.get(w.partition) ?? w.high
        let end = w.high
        if (options.to instanceof Map) end = options.to.get(w.partition) ?? w.high
        else if (options.to && 'offset' in options.to) end = options.to.offset
        else if (toTimes) end = toTimes.get(w.partition) ?? w.high
        start = clamp(start)
        end = clamp(end)
        return { partition: w.partition, start, end: big(end) < big(start) ? start : end }
      })
  } finally {
    await admin.disconnect()
  }
}

/**
 * Reads a range of a topic with a throw-away consumer group that never commits, so that the groups
 * of running services are not disturbed. Resolves when every partition has reached its end (or, when
 * following, when the signal aborts). Control records of transactions count as progress, so a range
 * ending in a commit marker still finishes.
 */
export async function readRange(kafka: Kafka, options: ReadRangeOptions): Promise<RangePlan[]> {
  const plan = await planRange(kafka, options)
  const next = new Map(plan.map((p) => [p.partition, p.start]))
  const end = new Map(plan.map((p) => [p.partition, p.end]))
  const isDone = (p: number) => !options.follow && big(next.get(p)!) >= big(end.get(p)!)
  if (plan.every((p) => isDone(p.partition)) || options.signal?.aborted) return plan

  const groupId = `copydesk.read.${randomUUID()}`
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: options.readUncommitted ?? false,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
  })
  let finish: () => void = () => {}
  let fail: (err: Error) => void = () => {}
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const check = () => {
    if (plan.every((p) => isDone(p.partition))) finish()
  }
  options.signal?.addEventListener('abort', () => finish(), { once: true })
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    const { partition, lastOffset } = e.payload as { partition: number; lastOffset: string | null }
    if (lastOffset !== null && next.has(partition) && big(lastOffset) + 1n > big(next.get(partition)!)) {
      next.set(partition, String(big(lastOffset) + 1n))
    }
    check()
  })
  consumer.on(consumer.events.CRASH, (e) => fail(e.payload.error))
  try {
    await consumer.connect()
    await consumer.subscribe({ topic: options.topic, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const p = batch.partition
        const stop = end.get(p)
        if (stop === undefined || isDone(p)) return
        const records: RangeRecord[] = []
        for (const m of batch.messages) {
          if (big(m.offset) < big(next.get(p)!)) continue
          if (!options.follow && big(m.offset) >= big(stop)) break
          records.push({
            topic: batch.topic,
            partition: p,
            offset: m.offset,
            timestamp: Number(m.timestamp),
            key: m.key,
            value: m.value,
            headers: m.headers ?? {},
          })
        }
        if (records.length > 0) await options.onRecords(records)
        next.set(p, String(big(batch.lastOffset()) + 1n))
        await heartbeat()
        check()
      },
    })
    for (const p of plan) consumer.seek({ topic: options.topic, partition: p.partition, offset: p.start })
    // Partitions outside the range are paused, so the consumer does not fetch what it would drop.
    const unwanted = (await topicPartitions(kafka, options.topic)).filter((p) => !end.has(p))
    if (unwanted.length) consumer.pause([{ topic: options.topic, partitions: unwanted }])
    check()
    await finished
    return plan.map((p) => ({ ...p, end: options.follow ? next.get(p.partition)! : p.end }))
  } finally {
    await consumer.disconnect().catch(() => {})
    const admin = kafka.admin()
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => {})
      .finally(() => admin.disconnect().catch(() => {}))
  }
}
