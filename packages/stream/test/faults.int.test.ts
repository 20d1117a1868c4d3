import { CopydeskError, DlqHeader } from '@copydesk/contracts'
import { expect, inject, it, onTestFinished } from 'vitest'
import { startStage } from '../src/index.ts'
import { createUpperStage, type Line } from './fixtures/upper-stage.ts'
import { createTestTopics, makeConfig, makeLines, produceLines, readAll, uniqueId } from './helpers.ts'

const brokers = inject('kafkaBrokers')

it('dead-letters invalid JSON, schema violations and non-retryable handler errors with their headers while every other record flows', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-poison-${id}`, 2)
  const good = makeLines(300, 10)
  const poison = [
    { raw: '{"id": "p1", "seq": ', key: 'p1' },
    { raw: JSON.stringify({ id: '', seq: -1, text: 5 }), key: 'p2' },
    { raw: JSON.stringify({ id: 'p3', seq: 0, text: 'no', mode: 'reject' }), key: 'p3' },
  ]
  await produceLines(t.kafka, t.input, [...good.slice(0, 100), ...poison, ...good.slice(100)])
  const runner = await startStage(
    createUpperStage({ from: t.input, to: t.output }),
    makeConfig(brokers, `copydesk.poison-${id}`),
  )
  onTestFinished(() => runner.stop())

  const outputs = await readAll(t.kafka, t.output, good.length, { settleMs: 500 })
  expect(outputs).toHaveLength(good.length)
  const dead = await readAll(t.kafka, t.dlq, 3, { settleMs: 500 })
  expect(dead).toHaveLength(3)
  const byKey = Object.fromEntries(dead.map((d) => [d.key, d]))
  expect(byKey.p1?.value).toBe('{"id": "p1", "seq": ')
  expect(byKey.p1?.headers).toMatchObject({
    [DlqHeader.stage]: 'upper',
    [DlqHeader.errorCode]: 'ERR_INVALID_JSON',
    [DlqHeader.topic]: t.input,
  })
  expect(byKey.p2?.headers[DlqHeader.errorCode]).toBe('ERR_SCHEMA')
  // Every failing field is named, not just the first.
  for (const path of ['id', 'seq', 'text'])
    expect(byKey.p2?.headers[DlqHeader.errorMessage]).toContain(`${path}:`)
  expect(byKey.p3?.headers).toMatchObject({
    [DlqHeader.errorCode]: 'ERR_HANDLER',
    [DlqHeader.errorMessage]: 'line p3/0 is rejected by request',
  })
  for (const d of dead) {
    expect(d.headers[DlqHeader.partition]).toMatch(/^\d$/)
    expect(d.headers[DlqHeader.offset]).toMatch(/^\d+$/)
    expect(Date.parse(d.headers[DlqHeader.time] ?? '')).toBeGreaterThan(Date.now() - 120_000)
  }
  const metrics = await (await fetch(`${runner.httpUrl}/metrics`)).text()
  expect(metrics).toContain('copydesk_stream_records_dead_lettered_total{stage="upper",code="ERR_SCHEMA"} 1')
  expect(metrics).toContain('copydesk_stream_records_in_total{stage="upper"} 303')
})

it('retries a record that fails retryably three times with the partition paused, and never dead-letters it', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-retry-${id}`, 1)
  const lines = makeLines(50, 5)
  const failures = new Map<number, number>()
  const pausedDuringRetry: boolean[] = []
  let runner: Awaited<ReturnType<typeof startStage>> | undefined
  const beforeHandle = (line: Line, attempt: number) => {
    if (line.id !== 'k3' || line.seq !== 4) return
    // From the second attempt on, the backoff that came before must have paused the partition.
    if (attempt > 1) pausedDuringRetry.push(sawPaused)
    sawPaused = false
    if (attempt <= 3) {
      failures.set(attempt, Date.now())
      throw new CopydeskError('ERR_REDIS', `redis down (attempt ${attempt})`)
    }
  }
  let sawPaused = false
  const poll = setInterval(() => {
    if (runner?.status().paused.some((p) => p.partitions.includes(0))) sawPaused = true
  }, 10)
  onTestFinished(() => clearInterval(poll))
  await produceLines(t.kafka, t.input, lines)
  runner = await startStage(
    createUpperStage({ from: t.input, to: t.output, beforeHandle }),
    makeConfig(brokers, `copydesk.retry-${id}`),
  )
  onTestFinished(() => runner?.stop())

  const outputs = await readAll(t.kafka, t.output, lines.length, { settleMs: 500 })
  expect(outputs).toHaveLength(lines.length)
  expect(outputs.filter((o) => o.value?.includes('"id":"k3","seq":4'))).toHaveLength(1)
  expect([...failures.keys()]).toEqual([1, 2, 3])
  expect(pausedDuringRetry).toEqual([true, true, true])
  const metrics = await (await fetch(`${runner.httpUrl}/metrics`)).text()
  expect(metrics).toContain('copydesk_stream_retries_total{stage="upper",code="ERR_REDIS"} 3')
  expect(metrics).not.toMatch(/copydesk_stream_records_dead_lettered_total\{[^}]*\} [1-9]/)
  expect(metrics).toContain(
    `copydesk_stream_partition_paused{stage="upper",topic="${t.input}",partition="0"} 0`,
  )
})
