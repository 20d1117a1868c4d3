import { randomUUID } from 'node:crypto'
import { type Admin, type Consumer, Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

// Proves the broker of the test stack is a real Kafka 4.x that kafkajs 2.2.4 fully speaks:
// groups with committed offsets, transactions (commit and abort), offsets by timestamp.
const kafka = new Kafka({ clientId: 'stack-test', brokers: inject('kafkaBrokers'), logLevel: logLevel.WARN })
let admin: Admin
const consumers: Consumer[] = []
const created: string[] = []

async function createTopic(partitions: number): Promise<string> {
  const topic = `stack-test-${randomUUID()}`
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true })
  created.push(topic)
  return topic
}

function newConsumer(groupId: string, readUncommitted = false): Consumer {
  const consumer = kafka.consumer({
    groupId,
    readUncommitted,
    sessionTimeout: 10_000,
    heartbeatInterval: 500,
    rebalanceTimeout: 10_000,
  })
  consumers.push(consumer)
  return consumer
}

async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

beforeAll(async () => {
  admin = kafka.admin()
  await admin.connect()
})

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect().catch(() => {})))
  if (created.length) await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.disconnect()
})

describe('the Kafka broker of the test stack', () => {
  it('is Apache Kafka 4.x with a controller, and accepts topic creation', async () => {
    const cluster = await admin.describeCluster()
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1)
    expect(cluster.controller).not.toBeNull()
    const topic = await createTopic(3)
    const meta = await admin.fetchTopicMetadata({ topics: [topic] })
    expect(meta.topics[0]?.partitions).toHaveLength(3)
  })

  it('delivers 1,000 keyed messages once each to a group of two consumers with committed offsets', async () => {
    const topic = await createTopic(3)
    const groupId = `stack-test-group-${randomUUID()}`
    const producer = kafka.producer()
    await producer.connect()
    const messages = Array.from({ length: 1000 }, (_, i) => ({
      key: `key-${i % 50}`,
      value: JSON.stringify({ i }),
    }))
    await producer.send({ topic, messages })
    await producer.disconnect()

    const seen = new Map<number, string>()
    const byConsumer = [new Set<number>(), new Set<number>()]
    const run = async (idx: number) => {
      const consumer = newConsumer(groupId)
      await consumer.connect()
      await consumer.subscribe({ topic, fromBeginning: true })
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const { i } = JSON.parse(message.value!.toString()) as { i: number }
          expect(seen.has(i)).toBe(false)
          seen.set(i, message.key!.toString())
          byConsumer[idx]!.add(partition)
        },
      })
    }
    await Promise.all([run(0), run(1)])
    await waitFor(() => seen.size === 1000, 60_000, '1,000 messages')
    // Both members of the group got partitions, and a key always maps to one partition.
    await waitFor(
      () => byConsumer[0]!.size > 0 && byConsumer[1]!.size > 0,
      30_000,
      'both consumers to receive',
    )
    expect(new Set([...byConsumer[0]!].filter((p) => byConsumer[1]!.has(p))).size).toBe(0)
    await Promise.all(consumers.splice(0).map((c) => c.disconnect()))
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)
    expect(total).toBe(1000)
  })

  it('commits one transaction with its consumer offsets and aborts another: read_committed sees only the first', async () => {
    const input = await createTopic(1)
    const output = await createTopic(1)
    const groupId = `stack-test-tx-${randomUUID()}`
    const producer = kafka.producer({
      transactionalId: `stack-test-${randomUUID()}`,
      maxInFlightRequests: 1,
      idempotent: true,
    })
    await producer.connect()

    const committedTx = await producer.transaction()
    await committedTx.send({ topic: output, messages: [{ key: 'a', value: 'committed' }] })
    await committedTx.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '7' }] }],
    })
    await committedTx.commit()

    const abortedTx = await producer.transaction()
    await abortedTx.send({ topic: output, messages: [{ key: 'b', value: 'aborted' }] })
    await abortedTx.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '9' }] }],
    })
    await abortedTx.abort()

    // A marker after the aborted transaction, so the reader knows when it has read everything.
    const plain = kafka.producer()
    await plain.connect()
    await plain.send({ topic: output, messages: [{ key: 'c', value: 'after' }] })
    await plain.disconnect()
    await producer.disconnect()

    const read = async (readUncommitted: boolean) => {
      const values: string[] = []
      const consumer = newConsumer(`stack-test-reader-${randomUUID()}`, readUncommitted)
      await consumer.connect()
      await consumer.subscribe({ topic: output, fromBeginning: true })
      await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) })
      await waitFor(() => values.includes('after'), 30_000, 'the marker message')
      await consumer.disconnect()
      return values
    }
    expect(await read(false)).toEqual(['committed', 'after'])
    expect(await read(true)).toEqual(['committed', 'aborted', 'after'])

    const offsets = await admin.fetchOffsets({ groupId, topics: [input] })
    expect(offsets[0]!.partitions[0]!.offset).toBe('7')
  })

  it('lists offsets by timestamp', async () => {
    const topic = await createTopic(1)
    const producer = kafka.producer()
    await producer.connect()
    const t0 = Date.now() - 60_000
    await producer.send({
      topic,
      messages: [0, 1, 2, 3].map((i) => ({ value: String(i), timestamp: String(t0 + i * 10_000) })),
    })
    await producer.disconnect()
    const [at] = await admin.fetchTopicOffsetsByTimestamp(topic, t0 + 15_000)
    expect(at).toEqual({ partition: 0, offset: '2' })
    const [end] = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() + 60_000)
    expect(end?.offset).toBe('4')
  })
})
