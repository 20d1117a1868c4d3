import { expect, inject, it, onTestFinished } from 'vitest'
import { startStage } from '../src/index.ts'
import { createUpperStage } from './fixtures/upper-stage.ts'
import {
  checkOneToOne,
  createTestTopics,
  makeConfig,
  makeLines,
  produceLines,
  readAll,
  uniqueId,
} from './helpers.ts'

const brokers = inject('kafkaBrokers')

it('fences an instance that stalled past its session: its late commit is rejected and no record comes out twice', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-zombie-${id}`, 1)
  const lines = makeLines(400, 20)
  await produceLines(t.kafka, t.input, lines)
  const config = makeConfig(brokers, `copydesk.zombie-${id}`, { KAFKA_MAX_BYTES_PER_PARTITION: '8192' })
  let stalled = false
  let releaseStall: () => void = () => {}
  // The first instance stalls inside a batch (no heartbeats) longer than the session timeout.
  const zombie = await startStage(
    createUpperStage({
      from: t.input,
      to: t.output,
      beforeHandle: async (line) => {
        if (stalled || line.seq !== 5) return
        stalled = true
        await new Promise<void>((resolve) => {
          releaseStall = resolve
          setTimeout(resolve, 14_000)
        })
      },
    }),
    config,
  )
  onTestFinished(() => zombie.stop())
  while (!stalled) await new Promise((r) => setTimeout(r, 50))
  const survivor = await startStage(createUpperStage({ from: t.input, to: t.output }), config)
  onTestFinished(() => survivor.stop())

  const outputs = await readAll(t.kafka, t.output, lines.length, { timeoutMs: 60_000, settleMs: 16_000 })
  releaseStall()
  const summary = checkOneToOne(lines, outputs)
  expect(summary.problems).toEqual([])
  expect(summary.count).toBe(lines.length)
  const zombieMetrics = await zombie.registry
    .getSingleMetric('copydesk_stream_transaction_aborts_total')
    ?.get()
  expect(zombieMetrics?.values[0]?.value ?? 0).toBeGreaterThanOrEqual(1)
})
