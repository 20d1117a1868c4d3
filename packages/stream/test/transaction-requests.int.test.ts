import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

// The kafkajs patch (patches/kafkajs@2.2.4.patch) keeps the coordinators a transactional producer
// found; unpatched, every transaction asks for them four times. This checks the installed kafkajs.
const kafka = new Kafka({
  clientId: 'transaction-requests-test',
  brokers: inject('kafkaBrokers'),
  logLevel: logLevel.NOTHING,
})
const admin = kafka.admin()
const topic = `txn-requests-${randomUUID()}`

beforeAll(async () => {
  await admin.connect()
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 1 },
      { topic: `${topic}.in`, numPartitions: 1 },
    ],
    waitForLeaders: true,
  })
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic, `${topic}.in`] }).catch(() => {})
  await admin.disconnect()
})

describe('transactions through the patched kafkajs', () => {
  it('look the coordinators up once, not before every request of every transaction', async () => {
    const producer = kafka.producer({
      transactionalId: `${topic}-tx`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { initialRetryTime: 15, retries: 15 },
    })
    const requests = new Map<string, number>()
    producer.on(producer.events.REQUEST, ({ payload }) => {
      requests.set(payload.apiName, (requests.get(payload.apiName) ?? 0) + 1)
    })
    await producer.connect()
    const transactions = 10
    try {
      for (let i = 0; i < transactions; i++) {
        const txn = await producer.transaction()
        await txn.send({ topic, messages: [{ key: `k${i}`, value: `v${i}` }], acks: -1 })
        await txn.sendOffsets({
          consumerGroupId: `${topic}-group`,
          topics: [{ topic: `${topic}.in`, partitions: [{ partition: 0, offset: String(i + 1) }] }],
        })
        await txn.commit()
      }
    } finally {
      await producer.disconnect()
    }
    expect(requests.get('EndTxn')).toBe(transactions)
    expect(requests.get('TxnOffsetCommit')).toBe(transactions)
    // One lookup for InitProducerId, one for the group; unpatched this is 4 per transaction + 1.
    expect(requests.get('GroupCoordinator') ?? 0).toBeLessThanOrEqual(3)
  })
})
