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

// A handler that blocks the event loop past the session timeout (a CPU-starved machine, a huge
// page) gets its member removed; the batch still commits, then the consumer rejoins and kafkajs
// fetches from the committed offsets the broker shows. On a quiet broker those already include the
// commit, so this test does not reproduce the lagging read that the runner's own committed mark
// guards against (the loaded 5,000-page end-to-end run caught that); it pins the rejoin path itself.
it('keeps exactly one output per input when a blocked handler loses its group membership and rejoins', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-rejoin-${id}`, 3)
  const lines = makeLines(600, 30)
  await produceLines(t.kafka, t.input, lines)
  const config = makeConfig(brokers, `copydesk.rejoin-${id}`, { KAFKA_MAX_BYTES_PER_PARTITION: '16384' })
  const stallAt = new Set(['line 40', 'line 250', 'line 480'])
  const runner = await startStage(
    createUpperStage({
      from: t.input,
      to: t.output,
      beforeHandle: (line, attempt) => {
        if (attempt > 1 || !stallAt.delete(line.text)) return
        // Synchronous on purpose: no heartbeat can be sent while this runs.
        const until = Date.now() + Number(config.KAFKA_SESSION_TIMEOUT_MS) + 2500
        while (Date.now() < until) {}
      },
    }),
    config,
  )
  onTestFinished(() => runner.stop())
  const outputs = await readAll(t.kafka, t.output, lines.length, { timeoutMs: 90_000, settleMs: 8000 })
  const summary = checkOneToOne(lines, outputs)
  expect(summary.problems).toEqual([])
  expect(summary.count).toBe(lines.length)
})
