import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { DlqHeader, EnrichedEvent, StoredRecord } from '@copydesk/contracts'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { repoRoot } from '../setup/stack.ts'
import { copydesk, spawnCopydesk } from './helpers/cli.ts'
import { articleHtml } from './helpers/corpus.ts'
import { PipelineRun } from './helpers/pipeline-run.ts'

const stack = inject('stack')
const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/pages/seed/expected.json'), 'utf8'))

describe('copydesk run, on the shipped samples', () => {
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'copydesk-run-'))
  })
  afterAll(() => rm(out, { recursive: true, force: true }))

  it('prints one event per page, and the seed page’s record passes its hand labels', async () => {
    const res = await copydesk(['run', 'samples/pages', '-o', out, '--fetched-at', '2025-11-05T00:00:00Z'])
    expect(res.code, res.stderr).toBe(0)
    const events = res.stdout
      .trim()
      .split('\n')
      .map((l) => EnrichedEvent.parse(JSON.parse(l)))
    expect(events).toHaveLength(5)
    const seedEvent = events.find((e) => e.url.endsWith('north-korea-afp-dump.txt'))!
    const record = StoredRecord.parse(JSON.parse(await readFile(new URL(seedEvent.record.uri), 'utf8')))
    expect(record.title).toBe(expected.title)
    expect(record.publishedAt?.slice(0, 10)).toBe(expected.publishedDate)
    expect(record.section).toBe(expected.section)
    expect(record.byline).toEqual(expected.byline)
    expect(record.wireAgency).toBe(expected.wireAgency)
    const body = record.paragraphs.join('\n\n')
    expect(body.startsWith(expected.bodyStartsWith)).toBe(true)
    // The hand label ends at the last sentence; the page closes the quotation after it.
    expect(body.replace(/["'”’\s]+$/, '').endsWith(expected.bodyEndsWith)).toBe(true)
    for (const s of expected.bodyMustNotContain as string[]) expect(body).not.toContain(s)
    const names = (type: string) => record.entities.filter((e) => e.type === type)
    const people = names('person').map((e) => e.name)
    for (const p of expected.people as string[]) expect(people).toContain(p)
    for (const p of expected.peopleMustNotInclude as string[]) expect(people).not.toContain(p)
    const countries = names('country').map((e) => e.id)
    for (const c of expected.countries as string[]) expect(countries).toContain(c)
    for (const c of expected.countriesMustNotInclude as string[]) expect(countries).not.toContain(c)
    const orgs = names('organisation').map((e) => e.name)
    for (const o of expected.organisationsMustNotInclude as string[]) expect(orgs).not.toContain(o)
    expect(record.topics.map((t) => t.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(expected.topicsAnyOf.join('|')))]),
    )
    expect(record.topics.map((t) => t.code)).not.toContain('medtop:15000000')

    // The wire story and its reprint share a cluster; the reprint points at the agency's copy.
    const original = events.find((e) => e.url.endsWith('fishing-quotas-reuters.html'))!
    const reprint = events.find((e) => e.url.endsWith('fishing-quotas-copy-coastal-times.html'))!
    expect(reprint.dedupe.clusterId).toBe(original.dedupe.clusterId)
    expect([reprint.dedupe.kind, original.dedupe.kind]).toContain('near')
  })

  it('writes byte-identical records when run again on the same pages', async () => {
    const again = await mkdtemp(join(tmpdir(), 'copydesk-run-'))
    try {
      const a = await copydesk([
        'run',
        'samples/pages',
        '-o',
        again,
        '-q',
        '--fetched-at',
        '2025-11-05T00:00:00Z',
      ])
      expect(a.code).toBe(0)
      const first = a.stdout
        .trim()
        .split('\n')
        .map((l) => EnrichedEvent.parse(JSON.parse(l)))
      const b = await copydesk([
        'run',
        'samples/pages',
        '-o',
        again,
        '-q',
        '--fetched-at',
        '2025-11-05T00:00:00Z',
      ])
      const second = b.stdout
        .trim()
        .split('\n')
        .map((l) => EnrichedEvent.parse(JSON.parse(l)))
      expect(second.map((e) => e.record)).toEqual(first.map((e) => e.record))
    } finally {
      await rm(again, { recursive: true, force: true })
    }
  })
})

describe('copydesk replay and dlq, against the services', () => {
  let p: PipelineRun
  const cliEnv = () => ({ ...p.env, KAFKA_BROKERS: stack.kafkaBrokers.join(',') })

  beforeAll(async () => {
    p = new PipelineRun(stack, { total: 400, wireStories: 5, byRef: 5 })
    await p.setUp()
    await p.startAll()
    await p.produce()
    await p.waitForEnd(300_000)
  })
  afterAll(() => p?.tearDown())

  it('redrives a dead letter whose cause was fixed, and it comes through', async () => {
    const list = await copydesk(['dlq', 'list', '--topic', p.topics.raw, '--json'], cliEnv())
    expect(list.code, list.stderr).toBe(0)
    const dead = list.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            partition: number
            offset: string
            value: { url?: string; bodyRef?: string }
            headers: Record<string, string>
          },
      )
    expect(dead).toHaveLength(50)
    const missing = dead.find((d) => d.value?.bodyRef?.endsWith('missing-0.html'))!
    expect(missing.headers[DlqHeader.errorCode]).toBe('ERR_BODY_REF')
    // Fix the cause: upload the page the reference names, then send the dead letter back.
    const html = articleHtml({
      outlet: 'Fixed',
      title: 'A page that arrived late',
      paragraphs: [
        'The object this page refers to was uploaded after the page was first sent, so the pipeline could not read it then.',
        'Sent back from the dead letters, it now goes through every stage.',
      ],
      publishedAt: '2025-11-03T08:00:00Z',
    })
    await p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: 'pages/missing-0.html', Body: html }))
    const redrive = await copydesk(
      ['dlq', 'redrive', '--topic', p.topics.raw, '--ids', `${missing.partition}@${missing.offset}`],
      cliEnv(),
    )
    expect(redrive.code, redrive.stderr).toBe(0)
    await p.waitForEnd(120_000, undefined, 1)
    const events = (await p.readAll(p.topics.enriched)).map((r) => EnrichedEvent.parse(JSON.parse(r.value!)))
    expect(events.filter((e) => e.url === missing.value.url)).toHaveLength(1)
    const redriven = (await p.readAll(p.topics.raw)).filter((r) => r.value?.includes('missing-0.html'))
    expect(redriven.map((r) => r.headers[DlqHeader.redriveCount])).toEqual([undefined, '1'])
  })

  it('replays two partitions between two timestamps into exactly the records the services wrote, byte for byte, and resumes after an interruption', async () => {
    expect(await p.stopAll()).toEqual([0, 0, 0, 0])
    const raw = await p.readAll(p.topics.raw)
    const times = [...new Set(raw.map((r) => r.timestamp))].sort((a, b) => a - b)
    const from = times[Math.floor(times.length * 0.25)]!
    const to = times[Math.floor(times.length * 0.75)]!
    const inRange = raw.filter((r) => r.partition <= 1 && r.timestamp >= from && r.timestamp < to)
    const events = (await p.readAll(p.topics.enriched)).map((r) => EnrichedEvent.parse(JSON.parse(r.value!)))
    const urls = new Set(
      inRange.map((r) => {
        try {
          return (JSON.parse(r.value!) as { url: string }).url
        } catch {
          return ''
        }
      }),
    )
    const wantKeys = events
      .filter((e) => urls.has(e.url))
      .map((e) => e.record.uri.replace(`s3://${p.bucket}/`, ''))
      .sort()
    expect(wantKeys.length).toBeGreaterThan(50)

    const replayArgs = (bucket: string, extra: string[] = []) => [
      'replay',
      ...[
        '--topic',
        p.topics.raw,
        '-p',
        '0,1',
        '--from',
        new Date(from).toISOString(),
        '--to',
        new Date(to).toISOString(),
      ],
      ...[
        '--s3-bucket',
        bucket,
        '--redis-url',
        stack.redisUrl,
        '--dedupe-prefix',
        `e2e:${p.id}`,
        '--no-progress',
      ],
      ...extra,
    ]
    const replay = async (bucket: string, extra: string[] = []) => {
      await p.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => {})
      return copydesk(replayArgs(bucket, extra), cliEnv())
    }
    const dry = await replay(`${p.bucket}-dry`, ['--dry-run', '--checkpoint', join(p.logDir, 'dry.json')])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stderr).toMatch(/p0\[\d+,\d+\) p1\[\d+,\d+\)/)
    expect(await p.listKeys('', `${p.bucket}-dry`).catch(() => [])).toEqual([])

    const full = await replay(`${p.bucket}-r1`, ['--checkpoint', join(p.logDir, 'r1.json')])
    expect([0, 3]).toContain(full.code)
    const gotKeys = (await p.listKeys('articles/', `${p.bucket}-r1`)).sort()
    expect(gotKeys).toEqual(wantKeys)
    for (const key of gotKeys) expect(await p.getObject(key, `${p.bucket}-r1`)).toBe(await p.getObject(key))

    // Interrupted halfway (SIGINT), then resumed from its checkpoint: the same objects, no others.
    const checkpoint = join(p.logDir, 'r2.json')
    await p.s3.send(new CreateBucketCommand({ Bucket: `${p.bucket}-r2` }))
    const child = spawnCopydesk(
      replayArgs(`${p.bucket}-r2`, ['--rate', '10', '--checkpoint', checkpoint]),
      cliEnv(),
    )
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    let childErr = ''
    child.stderr!.on('data', (c: Buffer) => {
      childErr += c.toString()
    })
    const deadline = Date.now() + 120_000
    while ((await p.listKeys('articles/', `${p.bucket}-r2`)).length < 10) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the replay made no progress: ${childErr}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    const partial = (await p.listKeys('articles/', `${p.bucket}-r2`)).length
    expect(partial).toBeLessThan(wantKeys.length)
    const resumed = await copydesk(
      [
        'replay',
        '--topic',
        p.topics.raw,
        '--resume',
        '--s3-bucket',
        `${p.bucket}-r2`,
        '--redis-url',
        stack.redisUrl,
        '--dedupe-prefix',
        `e2e:${p.id}`,
        '--no-progress',
        '--checkpoint',
        checkpoint,
      ],
      cliEnv(),
    )
    expect([0, 3]).toContain(resumed.code)
    const resumedKeys = (await p.listKeys('articles/', `${p.bucket}-r2`)).sort()
    expect(resumedKeys).toEqual(wantKeys)
    for (const key of resumedKeys.slice(0, 20))
      expect(await p.getObject(key, `${p.bucket}-r2`)).toBe(await p.getObject(key))
  })
})
