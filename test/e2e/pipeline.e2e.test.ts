import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { EnrichedEvent } from '@copydesk/contracts'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { repoRoot } from '../setup/stack.ts'
import { DlqHeader, PipelineRun } from './helpers/pipeline-run.ts'
import { metricValue } from './helpers/services.ts'

const run = promisify(execFile)
const stack = inject('stack')
const TOTAL = Number(process.env.COPYDESK_E2E_PAGES ?? 5000)
const corpusShape = { total: TOTAL, wireStories: 25, byRef: 20 }
let current: PipelineRun | null = null

afterEach(async () => {
  await current?.tearDown()
  current = null
})

/**
 * Batch files hold every stored record exactly once, named after the coordinates of their first
 * record: after a SIGKILL too, as the restarted archive rebuilds the block it resumes in.
 */
async function expectBatchFilesHoldEveryRecordOnce(p: PipelineRun): Promise<void> {
  const batchKeys = await p.listKeys('batches/v1/')
  expect(batchKeys.length).toBeGreaterThan(0)
  for (const k of batchKeys)
    expect(k).toMatch(
      /^batches\/v1\/dt=\d{4}-\d{2}-\d{2}\/hour=\d{2}\/e2e-[0-9a-f]+\.articles\.deduped\+\d+\+\d+\.ndjson\.gz$/,
    )
  const lines = (
    await Promise.all(
      batchKeys.map(async (k) =>
        gunzipSync(await p.getBytes(k))
          .toString('utf8')
          .trimEnd()
          .split('\n'),
      ),
    )
  ).flat()
  const inBatches = lines.map((l) => (JSON.parse(l) as { contentHash: string }).contentHash)
  const stored = (await p.listKeys('articles/v1/')).map((k) =>
    k.slice(k.lastIndexOf('/') + 1, -'.json'.length),
  )
  expect(new Set(inBatches).size).toBe(inBatches.length)
  expect(new Set(inBatches)).toEqual(new Set(stored))
}

/** The end state every scenario must reach: one record and one event per valid page, the bad ones dead-lettered. */
async function expectEndState(p: PipelineRun): Promise<void> {
  const valid = p.valid
  const events = (await p.readAll(p.topics.enriched)).map((r) => ({
    ...r,
    event: EnrichedEvent.parse(JSON.parse(r.value!)),
  }))
  // Exactly one event per valid page: no page lost, none doubled.
  expect(events).toHaveLength(valid.length)
  const byArticle = new Map(events.map((e) => [e.event.articleId, e.event]))
  expect(byArticle.size).toBe(valid.length)

  // Exactly one stored record per article version, and each event points at its record.
  const recordKeys = await p.listKeys('articles/v1/')
  expect(recordKeys).toHaveLength(valid.length)
  const articleIdsInS3 = new Set(recordKeys.map((k) => k.split('/')[5]))
  expect(articleIdsInS3.size).toBe(valid.length)
  for (const e of events.slice(0, 50)) {
    const key = e.event.record.uri.replace(`s3://${p.bucket}/`, '')
    const record = JSON.parse(await p.getObject(key)) as { contentHash: string; articleId: string }
    expect(record.articleId).toBe(e.event.articleId)
    expect(record.contentHash).toBe(e.event.record.contentHash)
  }

  // The 50 bad pages, and only they, are dead letters, each with its reason.
  const dead = await p.deadLetters()
  expect(dead[p.topics.raw]).toHaveLength(50)
  expect(
    new Set(
      dead[p.topics.raw]!.map((d) => `${d.headers[DlqHeader.partition]}@${d.headers[DlqHeader.offset]}`),
    ).size,
  ).toBe(50)
  for (const d of dead[p.topics.raw]!) {
    expect(d.headers[DlqHeader.stage]).toBe('ingest')
    expect(d.headers[DlqHeader.errorCode]).toMatch(/^ERR_/)
    expect(d.headers[DlqHeader.errorMessage]).toBeTruthy()
  }
  for (const t of [p.topics.extracted, p.topics.tagged, p.topics.deduped]) expect(dead[t]).toHaveLength(0)

  // Wire copies of one story share a cluster; different stories do not.
  const wire = p.corpus.filter((c) => c.kind === 'wire')
  const clusterOf = new Map<number, Set<string>>()
  for (const page of wire) {
    const url = (JSON.parse(page.value.toString()) as { url: string }).url
    const event = events.find((e) => e.event.url === url)!.event
    clusterOf.set(page.story!, (clusterOf.get(page.story!) ?? new Set()).add(event.dedupe.clusterId))
  }
  for (const [, ids] of clusterOf) expect(ids.size).toBe(1)
  expect(new Set([...clusterOf.values()].map((s) => [...s][0])).size).toBe(clusterOf.size)

  // The seed page went through: the AFP story, without the outlet's sidebar.
  const seed = events.find((e) => e.event.url === 'https://news.example.ng/politics/north-korea-arms')!.event
  expect(seed.wireAgency).toBe('AFP')
  expect(seed.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['KP', 'RU']))
  expect(seed.entities.map((e) => e.id)).not.toContain('NG')
}

describe('the pipeline end to end, four services as separate processes', () => {
  it(`turns ${TOTAL} raw pages into records, events and dead letters, each exactly once`, async () => {
    const p = new PipelineRun(stack, corpusShape)
    current = p
    await p.setUp()
    await p.startAll()
    await p.produce()
    await p.waitForEnd(600_000)
    expect(await p.stopAll()).toEqual([0, 0, 0, 0])
    await expectEndState(p)
    await expectBatchFilesHoldEveryRecordOnce(p)
  })

  it('reaches the same end state when each service is killed with SIGKILL once in the middle and restarted', async () => {
    // No idle snapshots of batch files: the archive dies with committed lines written nowhere, which
    // its successor must rebuild from the input.
    const p = new PipelineRun(stack, corpusShape, { BATCH_IDLE_MS: '600000' })
    current = p
    await p.setUp()
    await p.startAll()
    // The pages arrive over about 40 s, well below saturation, so that every service still has
    // pages to come when it is killed. Produced all at once, they went through faster than the kills
    // and restarts before them: dedupe once had all of its output written when its turn came.
    const batches = Math.ceil(p.corpus.length / 250)
    const producing = p.produce(() => new Promise((r) => setTimeout(r, 40_000 / batches)))
    // Each service dies in the middle of its own work: once its output topic holds a share of the
    // pages (15%, 30%, 45%, 60%, so each after the one upstream came back), never before it started
    // or after it finished.
    const victims = [
      ['ingest', p.topics.extracted, 0.15],
      ['enrich', p.topics.tagged, 0.3],
      ['dedupe', p.topics.deduped, 0.45],
      ['archive', p.topics.enriched, 0.6],
    ] as const
    const progress: Record<string, number> = {}
    for (const [name, output, share] of victims) {
      const until = Date.now() + 300_000
      let done = await p.count(output)
      while (done < share * p.valid.length && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250))
        done = await p.count(output)
      }
      await p.services[name].kill()
      progress[name] = done / p.valid.length
      await p.services[name].start()
    }
    await producing
    console.info(
      `[sigkill] share of the pages each service's output held when it was killed: ${JSON.stringify(progress)}`,
    )
    for (const [name] of victims) {
      expect(progress[name], `${name} killed in the middle of its work`).toBeGreaterThan(0)
      expect(progress[name], `${name} killed in the middle of its work`).toBeLessThan(1)
    }
    await p.waitForEnd(600_000)
    expect(await p.stopAll()).toEqual([0, 0, 0, 0])
    await expectEndState(p)
    await expectBatchFilesHoldEveryRecordOnce(p)
  })

  it('pauses archiving while the S3 server is down for 20 s, dead-letters nothing, and catches up', async () => {
    if (stack.source !== 'local')
      throw new Error(
        `this test stops the S3 server, which it can do on the infra/local stack only (stack: ${stack.source})`,
      )
    const p = new PipelineRun(stack, corpusShape)
    current = p
    await p.setUp()
    await p.startAll()
    await p.produce()
    // Wait until archiving is under way, then take S3 away.
    await p
      .waitForEnd(600_000, async (enriched) => {
        if (enriched > 0) throw Object.assign(new Error('started'), { started: true })
      })
      .catch((err: { started?: boolean }) => {
        if (!err.started) throw err
      })
    const s3proxy = join(repoRoot, 'infra', 'local', 's3proxy.sh')
    await run('bash', [s3proxy, 'stop'])
    try {
      const before = await p.count(p.topics.enriched)
      await new Promise((r) => setTimeout(r, 20_000))
      const during = await p.count(p.topics.enriched)
      // Nothing can be archived without S3 (a batch already in flight may finish), nothing is dead-lettered.
      expect(during - before).toBeLessThan(50)
      const dead = await p.deadLetters()
      expect(dead[p.topics.deduped]).toHaveLength(0)
      expect(await metricValue(p.services.archive, 'copydesk_stream_retries_total')).toBeGreaterThan(0)
      expect(await metricValue(p.services.archive, 'copydesk_stream_consumer_lag')).toBeGreaterThan(0)
    } finally {
      await run('bash', [s3proxy, 'start'])
    }
    await p.waitForEnd(600_000)
    expect(await p.stopAll()).toEqual([0, 0, 0, 0])
    await expectEndState(p)
  })
})
