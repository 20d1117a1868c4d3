import { randomBytes } from 'node:crypto'
import { onTestFinished } from 'vitest'
import {
  createKafka,
  ensureTopics,
  loadConfig,
  type StreamConfig,
  StreamConfig as StreamConfigSchema,
} from '../src/index.ts'
import type { Line } from './fixtures/upper-stage.ts'

/** Settings that make groups rebalance in seconds on the local single broker. */
export const fastGroupEnv = {
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  KAFKA_HEARTBEAT_INTERVAL_MS: '500',
  KAFKA_REBALANCE_TIMEOUT_MS: '10000',
  KAFKA_MAX_WAIT_MS: '100',
  STREAM_RETRY_INITIAL_MS: '150',
  STREAM_RETRY_MAX_MS: '1000',
  HTTP_PORT: '0',
  HTTP_HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
}

/** A unique suffix for topics and groups of one test. */
export const uniqueId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`

/** A validated runtime config for tests. */
export function makeConfig(
  brokers: string[],
  groupId: string,
  env: Record<string, string> = {},
): StreamConfig {
  return loadConfig(StreamConfigSchema, {
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_GROUP_ID: groupId,
    KAFKA_CLIENT_ID: 'stream-int',
    ...fastGroupEnv,
    ...env,
  })
}

/** Creates `<base>.in`, `<base>.out` and `<base>.in.dlq`; deletes them when the test ends. */
export async function createTestTopics(brokers: string[], base: string, partitions: number) {
  const kafka = createKafka({ KAFKA_BROKERS: brokers, KAFKA_CLIENT_ID: 'stream-int-admin', KAFKA_SSL: false })
  const admin = kafka.admin()
  await admin.connect()
  const names = { input: `${base}.in`, output: `${base}.out`, dlq: `${base}.in.dlq` }
  await ensureTopics(admin, [
    { name: names.input, partitions },
    { name: names.output, partitions },
    { name: names.dlq, partitions: 1 },
  ])
  onTestFinished(async () => {
    await admin.deleteTopics({ topics: Object.values(names) }).catch(() => {})
    await admin.disconnect()
  })
  return { ...names, kafka, admin }
}

/** Produces lines keyed by their id (idempotent producer); raw values are sent as they are. */
export async function produceLines(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  lines: readonly (Partial<Line> | { raw: string; key: string })[],
) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  for (let i = 0; i < lines.length; i += 1000) {
    const messages = lines
      .slice(i, i + 1000)
      .map((l) =>
        'raw' in l
          ? { key: l.key, value: l.raw }
          : { key: l.id ?? null, value: JSON.stringify(l), headers: { origin: 'test' } },
      )
    await producer.send({ topic, messages, acks: -1 })
  }
  await producer.disconnect()
}

/** A consumed record, decoded. */
export interface Seen {
  partition: number
  offset: string
  key: string | null
  value: string | null
  headers: Record<string, string>
}

/**
 * Reads a topic from the beginning with read_committed until `expected` records arrived, then
 * keeps reading for `settleMs` so that duplicates would show.
 */
export async function readAll(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  expected: number,
  options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<Seen[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${uniqueId()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  })
  const seen: Seen[] = []
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  let reached: () => void = () => {}
  const done = new Promise<void>((r) => {
    reached = r
  })
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v)
        seen.push({
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? null,
          value: m.value?.toString() ?? null,
          headers,
        })
      }
      if (seen.length >= expected) reached()
    },
  })
  const timeout = new Promise<void>((r) => setTimeout(r, options.timeoutMs ?? 90_000))
  await Promise.race([done, timeout])
  await new Promise((r) => setTimeout(r, options.settleMs ?? 1500))
  await consumer.disconnect()
  return seen
}

/** Builds `count` lines over `keys` keys, numbered per key. */
export function makeLines(count: number, keys: number, pad = 0): Line[] {
  const seqs = new Map<string, number>()
  return Array.from({ length: count }, (_, i) => {
    const id = `k${i % keys}`
    const seq = seqs.get(id) ?? 0
    seqs.set(id, seq + 1)
    return { id, seq, text: `line ${i}`, mode: 'ok', ...(pad ? { pad: 'x'.repeat(pad) } : {}) }
  })
}

/** Asserts one output per input and per-key order; returns a summary for the test to check. */
export function checkOneToOne(inputs: readonly Line[], outputs: readonly Seen[]) {
  const byId = new Map<string, number>()
  const problems: string[] = []
  for (const out of outputs) {
    const v = JSON.parse(out.value ?? 'null') as { id: string; seq: number }
    const key = `${v.id}/${v.seq}`
    byId.set(key, (byId.get(key) ?? 0) + 1)
  }
  const duplicates = [...byId].filter(([, n]) => n > 1).length
  const missing = inputs.filter((l) => !byId.has(`${l.id}/${l.seq}`)).length
  const lastSeq = new Map<string, number>()
  let outOfOrder = 0
  for (const out of [...outputs].sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  )) {
    const v = JSON.parse(out.value ?? 'null') as { id: string; seq: number }
    if ((lastSeq.get(v.id) ?? -1) >= v.seq) outOfOrder++
    lastSeq.set(v.id, v.seq)
  }
  if (duplicates) problems.push(`${duplicates} duplicated`)
  if (missing) problems.push(`${missing} missing`)
  if (outOfOrder) problems.push(`${outOfOrder} out of order`)
  return { count: outputs.length, duplicates, missing, outOfOrder, problems }
}
