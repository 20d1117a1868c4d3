import { CopydeskError } from '@copydesk/contracts'
import { expect, inject, it, onTestFinished } from 'vitest'
import { defineStage, type Stage, startStage } from '../src/index.ts'
import { createUpperStage } from './fixtures/upper-stage.ts'
import { createTestTopics, makeConfig, makeLines, produceLines, readAll, uniqueId } from './helpers.ts'

const brokers = inject('kafkaBrokers')

it('tells the stage its partitions and their committed offsets after it joins the group', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-assigned-${id}`, 3)
  const lines = makeLines(600, 30)
  const config = makeConfig(brokers, `copydesk.assigned-${id}`)
  type Assigned = { topic: string; partition: number; committed: string }[]
  const seen: Assigned[] = []
  const stage = (calls: Assigned[]): Stage =>
    defineStage({
      ...createUpperStage({ from: t.input, to: t.output }),
      assigned: ({ partitions }) => {
        calls.push([...partitions].sort((a, b) => a.partition - b.partition))
      },
    })

  const called = async (calls: Assigned[]) => {
    const deadline = Date.now() + 30_000
    while (calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  }

  // A new group on an empty topic: nothing committed yet. (The hook runs beside the records, so
  // the records come after it here, or the offsets it reads could already include their commits.)
  const first = await startStage(stage(seen), config)
  await called(seen)
  expect(seen[0]).toEqual([0, 1, 2].map((partition) => ({ topic: t.input, partition, committed: '-1' })))
  await produceLines(t.kafka, t.input, lines)
  await readAll(t.kafka, t.output, lines.length, { settleMs: 300 })
  await first.stop()

  // The same group again: each partition's committed offset is its end (every record went through).
  const again: Assigned[] = []
  const second = await startStage(stage(again), config)
  onTestFinished(() => second.stop())
  await called(again)
  const ends = await t.admin.fetchTopicOffsets(t.input)
  expect(again[0]).toEqual(
    [0, 1, 2].map((partition) => ({
      topic: t.input,
      partition,
      committed: ends.find((e) => e.partition === partition)?.offset,
    })),
  )
})

it('retries a hand-over that fails retryably, with a count in the retries metric, and gives up a non-retryable one', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-assigned-retry-${id}`, 2)
  const calls: { at: number; partitions: number[] }[] = []
  const flaky = defineStage({
    ...createUpperStage({ from: t.input, to: t.output }),
    assigned: ({ partitions }) => {
      calls.push({ at: Date.now(), partitions: partitions.map((p) => p.partition).sort() })
      // The store the stage rebuilds its state into is down for the first two attempts.
      if (calls.length <= 2) throw new CopydeskError('ERR_S3', `store down (attempt ${calls.length})`)
    },
  })
  const runner = await startStage(flaky, makeConfig(brokers, `copydesk.assigned-retry-${id}`))
  onTestFinished(() => runner.stop())
  const deadline = Date.now() + 30_000
  while (calls.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  await new Promise((r) => setTimeout(r, 500))
  expect(calls.map((c) => c.partitions)).toEqual([
    [0, 1],
    [0, 1],
    [0, 1],
  ])
  // Backoff between attempts (STREAM_RETRY_INITIAL_MS is 150 in the test config: at least 75 ms).
  expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(70)
  const retries = (await runner.registry.getSingleMetric('copydesk_stream_retries_total')?.get())?.values
  expect(retries).toEqual([expect.objectContaining({ value: 2, labels: { stage: 'upper', code: 'ERR_S3' } })])

  // A non-retryable failure is tried once.
  const once: number[] = []
  const broken = defineStage({
    ...createUpperStage({ from: t.input, to: t.output }),
    assigned: () => {
      once.push(Date.now())
      throw new CopydeskError('ERR_CONFIG', 'the bucket does not exist')
    },
  })
  const other = await startStage(broken, makeConfig(brokers, `copydesk.assigned-broken-${id}`))
  onTestFinished(() => other.stop())
  const until = Date.now() + 30_000
  while (once.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
  await new Promise((r) => setTimeout(r, 1000))
  expect(once).toHaveLength(1)
})
