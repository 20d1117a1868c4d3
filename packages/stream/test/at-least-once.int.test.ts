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

it('delivers every record at least once, in order per key, in at-least-once mode', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-alo-${id}`, 3)
  const lines = makeLines(3000, 50)
  await produceLines(t.kafka, t.input, [
    ...lines.slice(0, 1500),
    { raw: 'nope', key: 'bad' },
    ...lines.slice(1500),
  ])
  const config = makeConfig(brokers, `copydesk.alo-${id}`, {
    DELIVERY: 'at-least-once',
    KAFKA_MAX_BYTES_PER_PARTITION: '32768',
  })
  const runner = await startStage(createUpperStage({ from: t.input, to: t.output }), config)
  onTestFinished(() => runner.stop())

  const outputs = await readAll(t.kafka, t.output, lines.length, { settleMs: 500 })
  const summary = checkOneToOne(lines, outputs)
  // One undisturbed instance repeats nothing; duplicates would only follow a crash or rebalance.
  expect(summary.problems).toEqual([])
  expect(await readAll(t.kafka, t.dlq, 1, { settleMs: 200 })).toHaveLength(1)
})
