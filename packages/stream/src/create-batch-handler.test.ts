import type { EachBatchPayload, KafkaMessage } from 'kafkajs'
import { pino } from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createBatchHandler } from './create-batch-handler.ts'
import { createStageMetrics } from './create-metrics.ts'
import { loadConfig } from './load-config.ts'
import { StreamConfig } from './options.ts'
import { PartitionNotOwnedError, type PartitionProducers } from './partition-producers.ts'

const message = (offset: number): KafkaMessage =>
  ({
    offset: String(offset),
    key: Buffer.from(`k${offset % 2}`),
    value: Buffer.from(JSON.stringify({ n: offset })),
    headers: {},
    timestamp: '0',
    attributes: 0,
  }) as KafkaMessage

const payloadOf = (offsets: number[]) => {
  const messages = offsets.map(message)
  return {
    batch: {
      topic: 'in',
      partition: 0,
      messages,
      highWatermark: '100',
      firstOffset: () => messages[0]?.offset ?? null,
    },
    resolveOffset: vi.fn(),
    heartbeat: async () => {},
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload & { resolveOffset: ReturnType<typeof vi.fn> }
}

function setup(env: Record<string, string> = {}) {
  let failNext: ((err: Error) => void) | null = null
  let held: (() => void) | null = null
  let holdNext = false
  const commits: string[] = []
  const sentPerTransaction: number[] = []
  const txn = () => {
    let sent = 0
    return {
      sendBatch: vi.fn(async (b: { topicMessages: { messages: unknown[] }[] }) => {
        sent += b.topicMessages.reduce((n, t) => n + t.messages.length, 0)
      }),
      sendOffsets: vi.fn(async (o: { topics: { partitions: { offset: string }[] }[] }) => {
        commits.push(o.topics[0]?.partitions[0]?.offset ?? '')
      }),
      commit: vi.fn(() => {
        sentPerTransaction.push(sent)
        if (holdNext) {
          holdNext = false
          return new Promise<void>((resolve) => {
            held = resolve
          })
        }
        if (!failNext) return Promise.resolve()
        return new Promise<void>((_, reject) => {
          failNext = reject
        })
      }),
      abort: vi.fn(async () => {}),
    }
  }
  let fresh = true
  let owned = true
  const producers = {
    acquire: vi.fn(async (topic: string, partition: number) => {
      if (fresh && !owned) throw new PartitionNotOwnedError(topic, partition)
      const wasFresh = fresh
      fresh = false
      return { producer: { transaction: async () => txn() }, fresh: wasFresh }
    }),
    drop: vi.fn(async () => {
      fresh = true
    }),
    owns: vi.fn(() => owned),
  } as unknown as PartitionProducers
  const consumer = { pause: vi.fn(), resume: vi.fn(), seek: vi.fn(), commitOffsets: vi.fn() }
  const admin = {
    fetchOffsets: vi.fn(async () => [{ topic: 'in', partitions: [{ partition: 0, offset: '-1' }] }]),
  }
  const metrics = createStageMetrics()
  const handler = createBatchHandler({
    stage: {
      name: 's',
      from: { topic: 'in', schema: z.object({ n: z.number() }) },
      to: { topic: 'out', schema: z.object({ n: z.number() }) },
      handle: (e, ctx) => ({ key: ctx.key, value: e }),
    },
    config: loadConfig(StreamConfig, { KAFKA_BROKERS: 'b:1', KAFKA_GROUP_ID: 'g', ...env }),
    log: pino({ level: 'silent' }),
    metrics,
    consumer: consumer as never,
    admin: admin as never,
    producers,
    producer: null,
    signal: new AbortController().signal,
  })
  return {
    handler,
    consumer,
    commits,
    sentPerTransaction,
    metrics,
    /** The next transaction's commit waits until `release` is called. */
    holdNextCommit: () => {
      holdNext = true
    },
    release: () => {
      const r = held
      held = null
      r?.()
    },
    armFailure: () => {
      failNext = () => {}
    },
    fail: () => {
      const reject = failNext
      failNext = null
      reject?.(new Error('coordinator moved'))
    },
    recordsIn: async () => (await metrics.recordsIn.get()).values[0]?.value ?? 0,
    /** A rebalance takes the partition away: its producer is dropped and none may be created. */
    revoke: () => {
      owned = false
      fresh = true
    },
  }
}

describe('createBatchHandler', () => {
  it('commits each batch once, after the one before it, with the offset after its last record', async () => {
    const t = setup()
    const first = payloadOf([0, 1, 2])
    await t.handler.eachBatch(first)
    await t.handler.eachBatch(payloadOf([3, 4]))
    await t.handler.drain()
    expect(t.commits).toEqual(['3', '5'])
    expect(first.resolveOffset).toHaveBeenCalledWith('2')
    expect(await t.recordsIn()).toBe(5)
  })

  it('rewinds to a batch whose transaction failed and voids the batch handled after it', async () => {
    const t = setup()
    t.armFailure()
    await t.handler.eachBatch(payloadOf([0, 1, 2]))
    const second = t.handler.eachBatch(payloadOf([3, 4, 5]))
    await new Promise((r) => setTimeout(r, 20))
    t.fail()
    await second
    await t.handler.drain()
    expect(t.consumer.seek).toHaveBeenCalledWith({ topic: 'in', partition: 0, offset: '0' })
    expect(t.consumer.pause).toHaveBeenCalledWith([{ topic: 'in', partitions: [0] }])
    // Only the failed transaction reached sendOffsets; the voided batch never did.
    expect(t.commits).toEqual(['3'])
    expect((await t.metrics.transactionAborts.get()).values[0]?.value).toBe(1)
    expect(await t.recordsIn()).toBe(0)

    // The rewound fetch delivers everything again; now it commits.
    await t.handler.eachBatch(payloadOf([0, 1, 2, 3, 4, 5]))
    await t.handler.drain()
    expect(t.commits).toEqual(['3', '6'])
    expect(await t.recordsIn()).toBe(6)
    t.handler.clear()
  })

  it('voids the batches waiting for their commit when a rebalance took their partition: no new producer, no rewind', async () => {
    const t = setup()
    t.holdNextCommit()
    await t.handler.eachBatch(payloadOf([0, 1]))
    await t.handler.eachBatch(payloadOf([2, 3]))
    // The partition goes to another instance while the first commit is in flight (it lands, with
    // the producer of before) and the second batch waits for it.
    t.revoke()
    t.release()
    await t.handler.drain()
    expect(t.commits).toEqual(['2'])
    expect(t.consumer.seek).not.toHaveBeenCalled()
    expect(t.consumer.pause).not.toHaveBeenCalled()
    expect(await t.recordsIn()).toBe(2)
    t.handler.clear()
  })

  it('commits the batches handled during a slow commit in one transaction, and stops fetching past the limit', async () => {
    const t = setup({ STREAM_MAX_UNCOMMITTED_BATCHES: '3' })
    t.holdNextCommit()
    await t.handler.eachBatch(payloadOf([0, 1]))
    // The first commit is held: the next two batches return at once (3 uncommitted, the limit)...
    await t.handler.eachBatch(payloadOf([2, 3]))
    await t.handler.eachBatch(payloadOf([4, 5]))
    // ...and the fourth waits for the commit in flight before its partition is fetched again.
    let fourthDone = false
    const fourth = t.handler.eachBatch(payloadOf([6, 7])).then(() => {
      fourthDone = true
    })
    await new Promise((r) => setTimeout(r, 20))
    expect(fourthDone).toBe(false)
    expect(t.commits).toEqual(['2'])
    t.release()
    await fourth
    await t.handler.drain()
    // Two transactions: the held one, then the three batches that waited for it, together.
    expect(t.commits).toEqual(['2', '8'])
    expect(t.sentPerTransaction).toEqual([2, 6])
    expect(await t.recordsIn()).toBe(8)
    expect((await t.metrics.commits.get()).values[0]?.value).toBe(2)
  })
})
