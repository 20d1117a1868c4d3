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
