import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { planRange, type RangeRecord, readRange } from '../src/read-range.ts'

const kafka = new Kafka({
  clientId: 'read-range-test',
  brokers: inject('kafkaBrokers'),
  logLevel: logLevel.NOTHING,
})
const admin = kafka.admin()
const topic = `read-range-${randomUUID()}`
const t0 = Date.now() - 3_600_000

beforeAll(async () => {
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
  const producer = kafka.producer()
  await producer.connect()
  // 10 records per partition, record i of a partition at t0 + i minutes.
  for (let partition = 0; partition < 3; partition++) {
    await producer.send({
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({
        partition,
        key: `k${i}`,
        value: `${partition}:${i}`,
        timestamp: String(t0 + i * 60_000),
      })),
    })
  }
  await producer.disconnect()
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.disconnect()
})

const values = (records: RangeRecord[]) => records.map((r) => r.value!.toString())

describe('readRange', () => {
  it('reads a whole topic once and stops at its end', async () => {
    const got: RangeRecord[] = []
    await readRange(kafka, { topic, onRecords: (rs) => void got.push(...rs) })
    expect(got).toHaveLength(30)
    expect(new Set(values(got)).size).toBe(30)
  })

  it('reads two partitions between two timestamps, in offset order per partition', async () => {
    const got: RangeRecord[] = []
    await readRange(kafka, {
      topic,
      partitions: [0, 2],
      from: { timestamp: t0 + 3 * 60_000 },
      to: { timestamp: t0 + 7 * 60_000 },
      onRecords: (rs) => void got.push(...rs),
    })
    expect(values(got.filter((r) => r.partition === 0))).toEqual(['0:3', '0:4', '0:5', '0:6'])
    expect(values(got.filter((r) => r.partition === 2))).toEqual(['2:3', '2:4', '2:5', '2:6'])
    expect(got.some((r) => r.partition === 1)).toBe(false)
  })

  it('resumes from a checkpoint of next offsets per partition', async () => {
    const plan = await planRange(kafka, { topic, partitions: [1], from: new Map([[1, '8']]) })
    expect(plan).toEqual([{ partition: 1, start: '8', end: '10' }])
    const got: RangeRecord[] = []
    await readRange(kafka, {
      topic,
      partitions: [1],
      from: new Map([[1, '8']]),
      onRecords: (rs) => void got.push(...rs),
    })
    expect(values(got)).toEqual(['1:8', '1:9'])
  })

  it('finishes a transactional topic whose last offset is a commit marker, and skips aborted records', async () => {
    const txTopic = `read-range-tx-${randomUUID()}`
    await admin.createTopics({ topics: [{ topic: txTopic, numPartitions: 1 }], waitForLeaders: true })
    const producer = kafka.producer({
      transactionalId: `read-range-${randomUUID()}`,
      idempotent: true,
      maxInFlightRequests: 1,
    })
    await producer.connect()
    const committed = await producer.transaction()
    await committed.send({ topic: txTopic, messages: [{ value: 'a' }, { value: 'b' }] })
    await committed.commit()
    const aborted = await producer.transaction()
    await aborted.send({ topic: txTopic, messages: [{ value: 'x' }] })
    await aborted.abort()
    await producer.disconnect()
    const got: RangeRecord[] = []
    await readRange(kafka, { topic: txTopic, onRecords: (rs) => void got.push(...rs) })
    expect(values(got)).toEqual(['a', 'b'])
    await admin.deleteTopics({ topics: [txTopic] })
  })
})
