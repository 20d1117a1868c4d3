import { randomUUID } from 'node:crypto'
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net'
import { CopydeskError } from '@copydesk/contracts'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { createDeduper } from '../src/deduper.ts'
import { connectRedis, RedisStore } from '../src/redis-store.ts'
import { editWords, makePage, makeStory } from './make-story.ts'

const T = Date.parse('2024-03-01T08:00:00Z')

/** The run's Redis: from the global setup, else REDIS_URL; neither reachable fails the test. */
function redisUrl(): string {
  let url: string | undefined
  try {
    url = inject('redisUrl')
  } catch {
    url = undefined
  }
  url ??= process.env.REDIS_URL
  if (!url)
    throw new Error(
      'no Redis for the dedupe integration tests: global setup gave none and REDIS_URL is unset',
    )
  return url
}

/** Stores sharing one fresh prefix, as instances of the dedupe service would; removed afterwards. */
async function makeStores(count: number, url = redisUrl()): Promise<RedisStore[]> {
  const admin = await connectRedis(redisUrl())
  const prefix = `test-dedupe-${randomUUID()}`
  const stores = Array.from({ length: count }, () => new RedisStore({ url, prefix }))
  onTestFinished(async () => {
    await Promise.all(stores.map((s) => s.close()))
    const keys = await admin.keys(`{${prefix}}:*`)
    if (keys.length > 0) await admin.unlink(...keys)
    admin.disconnect()
  })
  return stores
}

describe('RedisStore', () => {
  it('lets a second instance find the story the first one stored', async () => {
    const [a, b] = await makeStores(2)
    const story = makeStory(21)
    const first = await createDeduper(a!).assign({
      articleId: 'afp',
      text: makePage(story, 'Agence Wire'),
      ts: T,
    })
    const copy = editWords(makePage(story, 'Daily Bugle', { title: 'New title', keep: 8 }), 70)
    const second = await createDeduper(b!).assign({ articleId: 'bugle', text: copy, ts: T + 1 })
    expect(first).toMatchObject({ clusterId: 'afp', kind: 'unique' })
    expect(second).toMatchObject({ clusterId: 'afp', duplicateOf: 'afp', kind: 'near' })
  })

  it('puts two copies of one story seen at the same moment by two instances in one cluster', async () => {
    const [a, b] = await makeStores(2)
    const left = createDeduper(a!)
    const right = createDeduper(b!)
    for (let round = 0; round < 25; round++) {
      const story = makeStory(500 + round, 8)
      const [x, y] = await Promise.all([
        left.assign({ articleId: `l${round}`, text: makePage(story, 'Agence Wire'), ts: T }),
        right.assign({ articleId: `r${round}`, text: makePage(story, 'Daily Bugle', { keep: 7 }), ts: T }),
      ])
      expect(x.clusterId).toBe(y.clusterId)
      expect([x.kind, y.kind].sort()).toEqual(['near', 'unique'])
    }
  })

  it('keeps one cluster when four instances race exact and near copies of one story', async () => {
    const stores = await makeStores(4)
    const dedupers = stores.map((s) => createDeduper(s))
    const story = makeStory(77, 10)
    const exact = makePage(story, 'Agence Wire')
    const jobs = dedupers.flatMap((d, i) =>
      Array.from({ length: 5 }, (_, j) =>
        d.assign({
          articleId: `w${i}-${j}`,
          text: j % 2 === 0 ? exact : makePage(story, `Outlet ${i}${j}`),
          ts: T + j,
        }),
      ),
    )
    const results = await Promise.all(jobs)
    expect(new Set(results.map((r) => r.clusterId)).size).toBe(1)
    expect(results.filter((r) => r.kind === 'unique')).toHaveLength(1)
  })

  it('clusters a burst of concurrent copies on one instance like one at a time (batched scripts)', async () => {
    const [store] = await makeStores(1)
    const deduper = createDeduper(store!)
    const stories = [makeStory(901, 8), makeStory(902, 8), makeStory(903, 8)]
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        deduper.assign({
          articleId: `burst${i}`,
          text: makePage(stories[i % 3]!, `Outlet ${i}`, { keep: 6 + (i % 3) }),
          ts: T + i,
        }),
      ),
    )
    for (let s = 0; s < 3; s++) {
      const ids = new Set(results.filter((_, i) => i % 3 === s).map((r) => r.clusterId))
      expect(ids.size).toBe(1)
    }
    expect(new Set(results.map((r) => r.clusterId)).size).toBe(3)
    expect(results.filter((r) => r.kind === 'unique')).toHaveLength(3)
  })

  it('commits in the read an article the read settles (exact copy, or no candidate) with the same answer a commit gives', async () => {
    const [a, b] = await makeStores(2)
    const story = makeStory(41)
    const text = makePage(story, 'Agence Wire')
    const unique = await createDeduper(a!).assign({ articleId: 'u', text, ts: T, wireAgency: 'AFP' })
    const exact = await createDeduper(a!).assign({ articleId: 'e', text, ts: T + 1, wireAgency: 'AFP' })
    const original = await createDeduper(a!).assign({
      articleId: 'o',
      text,
      ts: T + 2,
      agencyOriginal: true,
    })
    expect(unique).toEqual({
      articleId: 'u',
      clusterId: 'u',
      duplicateOf: null,
      kind: 'unique',
      similarity: 0,
      wireAgency: 'AFP',
    })
    expect(exact).toEqual({
      articleId: 'e',
      clusterId: 'u',
      duplicateOf: 'u',
      kind: 'exact',
      similarity: 1,
      wireAgency: 'AFP',
    })
    // The agency's original joins as an exact copy and becomes the canonical of the cluster.
    expect(original).toMatchObject({ clusterId: 'u', duplicateOf: null, kind: 'exact' })
    // Stored like any commit: another instance replaying them gets the first answers back.
    const replay = createDeduper(b!)
    expect(await replay.assign({ articleId: 'u', text, ts: T })).toEqual(unique)
    expect(await replay.assign({ articleId: 'e', text, ts: T + 1 })).toEqual(exact)
    // And a later near copy finds the cluster and its new canonical.
    const near = await replay.assign({
      articleId: 'n',
      text: makePage(story, 'Daily Bugle', { keep: 8 }),
      ts: T + 3,
    })
    expect(near).toMatchObject({ clusterId: 'u', duplicateOf: 'o', kind: 'near' })
  })

  it('answers an article replayed on another instance with its first answer', async () => {
    const [a, b] = await makeStores(2)
    const story = makeStory(31)
    await createDeduper(a!).assign({ articleId: 'orig', text: makePage(story, 'Agence Wire'), ts: T })
    const article = { articleId: 'copy', text: makePage(story, 'Daily Bugle'), ts: T + 1, wireAgency: 'AFP' }
    const first = await createDeduper(a!).assign(article)
    const again = await createDeduper(b!).assign(article)
    expect(again).toEqual(first)
    expect(first).toMatchObject({ clusterId: 'orig', wireAgency: 'AFP' })
  })

  it('fails with a retryable ERR_REDIS when Redis goes away, never a silent unique', async () => {
    const target = new URL(redisUrl())
    const proxy = await startProxy(target.hostname, Number(target.port || 6379))
    const viaProxy = new URL(target.toString())
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(proxy.port)
    const [store] = await makeStores(1, viaProxy.toString())
    const deduper = createDeduper(store!)
    const story = makeStory(41)
    await deduper.assign({ articleId: 'before', text: makePage(story, 'Agence Wire'), ts: T })
    await proxy.stop()
    const error = await deduper
      .assign({ articleId: 'after', text: makePage(story, 'Daily Bugle'), ts: T + 1 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CopydeskError)
    expect(error).toMatchObject({ code: 'ERR_REDIS', retryable: true })
  })

  it('fails with a retryable ERR_REDIS when no Redis answers at all', async () => {
    const store = new RedisStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 1_000 })
    onTestFinished(() => store.close())
    const error = await createDeduper(store)
      .assign({ articleId: 'x', text: makePage(makeStory(51), 'Agence Wire'), ts: T })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_REDIS', retryable: true })
  })
})

/** A TCP proxy to Redis that the test can cut, standing for Redis going down. */
async function startProxy(host: string, port: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(port, host)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => sockets.delete(s))
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
