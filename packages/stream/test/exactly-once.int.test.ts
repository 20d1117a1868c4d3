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

it('passes 10,000 records through two instances on 3 partitions exactly once, in order per key, and reports them on /readyz and /metrics', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-eos-${id}`, 3)
  const lines = makeLines(10_000, 200)
  await produceLines(t.kafka, t.input, lines)

  const config = makeConfig(brokers, `copydesk.eos-${id}`, { KAFKA_MAX_BYTES_PER_PARTITION: '65536' })
  const stage = createUpperStage({ from: t.input, to: t.output })
  const runners = await Promise.all([startStage(stage, config), startStage(stage, config)])
  onTestFinished(async () => {
    await Promise.all(runners.map((r) => r.stop()))
  })

  const outputs = await readAll(t.kafka, t.output, lines.length)
  const summary = checkOneToOne(lines, outputs)
  expect(summary.problems).toEqual([])
  expect(summary.count).toBe(10_000)
  expect(JSON.parse(outputs[0]?.value ?? '{}').text).toMatch(/^LINE \d+$/)
  expect(outputs[0]?.headers).toMatchObject({
    ce_source: 'copydesk/upper',
    ce_type: t.output,
    ce_specversion: '1.0',
  })

  // Both instances are ready and between them own the 3 partitions.
  const ready = await Promise.all(
    runners.map(
      async (r) =>
        (await fetch(`${r.httpUrl}/readyz`)).json() as Promise<{
          status: string
          assigned: { partitions: number[] }[]
        }>,
    ),
  )
  expect(ready.map((r) => r.status)).toEqual(['ready', 'ready'])
  expect(ready.flatMap((r) => r.assigned.flatMap((a) => a.partitions)).sort()).toEqual([0, 1, 2])
  expect((await fetch(`${runners[0]?.httpUrl}/healthz`)).status).toBe(200)

  const metricText = await Promise.all(runners.map(async (r) => (await fetch(`${r.httpUrl}/metrics`)).text()))
  const sum = (name: string) =>
    metricText.reduce(
      (total, text) =>
        total +
        [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)`, 'gm'))].reduce(
          (s, m) => s + Number(m[1]),
          0,
        ),
      0,
    )
  // Records in can exceed 10,000 only if a rebalance aborted a transaction (its records are counted once more).
  expect(sum('copydesk_stream_records_in_total')).toBeGreaterThanOrEqual(10_000)
  expect(sum('copydesk_stream_records_out_total')).toBe(sum('copydesk_stream_records_in_total'))
  expect(sum('copydesk_stream_records_dead_lettered_total')).toBe(0)
  // Both instances did part of the work.
  expect(
    metricText.every((text) => /copydesk_stream_records_in_total\{stage="upper"\} [1-9]/.test(text)),
  ).toBe(true)
  expect(metricText.join('\n')).toMatch(
    /copydesk_stream_consumer_lag\{stage="upper",topic="[^"]+",partition="\d"\} 0/,
  )
  expect(metricText.join('\n')).toContain('copydesk_stream_handle_seconds_bucket')
})
