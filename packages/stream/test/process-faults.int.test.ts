import { expect, inject, it } from 'vitest'
import {
  checkOneToOne,
  createTestTopics,
  fastGroupEnv,
  makeLines,
  produceLines,
  readAll,
  uniqueId,
} from './helpers.ts'
import { spawnStage } from './spawn-stage.ts'

const brokers = inject('kafkaBrokers')

const stageEnv = (
  t: { input: string; output: string },
  groupId: string,
  extra: Record<string, string> = {},
) => ({
  ...fastGroupEnv,
  KAFKA_BROKERS: brokers.join(','),
  KAFKA_GROUP_ID: groupId,
  KAFKA_CLIENT_ID: 'stream-child',
  FIXTURE_FROM: t.input,
  FIXTURE_TO: t.output,
  LOG_LEVEL: 'info',
  KAFKA_MAX_BYTES_PER_PARTITION: '16384',
  STREAM_CONCURRENCY: '4',
  FIXTURE_DELAY_MS: '4',
  ...extra,
})

const committed = (l: Record<string, unknown>) => l.msg === 'batch committed'

it('keeps exactly one output per input when an instance is killed with SIGKILL in the middle of a batch', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-kill-${id}`, 3)
  const lines = makeLines(3000, 60)
  await produceLines(t.kafka, t.input, lines)
  const group = `copydesk.kill-${id}`
  const a = spawnStage(stageEnv(t, group))
  const b = spawnStage(stageEnv(t, group))
  // Wait until both are working, then kill one while it is inside its next batch.
  await Promise.all([a.waitForLog(committed), b.waitForLog(committed)])
  await a.waitForLog((l) => committed(l) && a.logs.filter(committed).length >= 3)
  a.child.kill('SIGKILL')
  expect((await a.exited).signal).toBe('SIGKILL')
  // After the session timeout the survivor owns every partition, the killed one's included.
  await b.waitForLog(
    (l) => l.msg === 'partitions assigned' && Object.values(l.assigned as object).flat().length === 3,
    30_000,
  )

  const outputs = await readAll(t.kafka, t.output, lines.length, { timeoutMs: 90_000, settleMs: 2000 })
  const summary = checkOneToOne(lines, outputs)
  if (summary.problems.length) {
    // Where the doubles are (output coordinates, input coordinates, time) tells a leak of aborted
    // records from a committed duplicate; printed only when the check fails.
    const by = new Map<string, string[]>()
    for (const o of outputs) {
      const v = JSON.parse(o.value ?? 'null') as { id: string; seq: number }
      const where = `${o.partition}@${o.offset} ${o.headers.ce_id} ${o.headers.ce_time}`
      by.set(`${v.id}/${v.seq}`, [...(by.get(`${v.id}/${v.seq}`) ?? []), where])
    }
    console.error('doubled outputs', JSON.stringify([...by].filter(([, x]) => x.length > 1).slice(0, 8)))
  }
  expect(summary.problems).toEqual([])
  expect(summary.count).toBe(lines.length)
  b.child.kill('SIGTERM')
  expect((await b.exited).code).toBe(0)
})

it('exits 0 within the deadline on SIGTERM under load, and a restarted instance resumes with nothing lost or doubled', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-term-${id}`, 3)
  const lines = makeLines(3000, 60)
  await produceLines(t.kafka, t.input, lines)
  const group = `copydesk.term-${id}`
  const deadline = 10_000
  const first = spawnStage(stageEnv(t, group, { SHUTDOWN_TIMEOUT_MS: String(deadline) }))
  await first.waitForLog((l) => committed(l) && first.logs.filter(committed).length >= 3)
  const signalledAt = Date.now()
  first.child.kill('SIGTERM')
  const exit = await first.exited
  expect(exit.code).toBe(0)
  expect(exit.at - signalledAt).toBeLessThan(deadline)
  expect(first.logs.some((l) => l.msg === 'stopped')).toBe(true)
  const doneBefore = first.logs.filter(committed).reduce((n, l) => n + Number(l.records), 0)
  expect(doneBefore).toBeLessThan(lines.length)

  const second = spawnStage(stageEnv(t, group, { FIXTURE_DELAY_MS: '0' }))
  const outputs = await readAll(t.kafka, t.output, lines.length, { timeoutMs: 60_000, settleMs: 2000 })
  const summary = checkOneToOne(lines, outputs)
  expect(summary.problems).toEqual([])
  expect(summary.count).toBe(lines.length)
  second.child.kill('SIGTERM')
  expect((await second.exited).code).toBe(0)
})
