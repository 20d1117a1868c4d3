import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { LocalFolderStore } from '@copydesk/storage'
import { describe, expect, it, onTestFinished } from 'vitest'
import { BatchWriter } from './batch-writer.ts'

async function tempStore(): Promise<LocalFolderStore> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-batch-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return new LocalFolderStore(dir)
}

const T = Date.UTC(2025, 10, 3, 8, 0)
const read = async (store: LocalFolderStore, key: string) =>
  gunzipSync(await store.get(key))
    .toString()
    .trim()
    .split('\n')

describe('BatchWriter', () => {
  it('cuts files at aligned offset blocks and names each after its first record', async () => {
    const store = await tempStore()
    const w = new BatchWriter(store, { maxRecords: 4, maxBytes: 1e6, maxAgeMs: 1e9, idleMs: 1e9 })
    for (let o = 2; o < 10; o++) await w.add('t', 1, String(o), T, `r${o}`)
    await w.flushAll()
    expect(await store.list('batches/')).toEqual([
      'batches/v1/dt=2025-11-03/hour=08/t+1+2.ndjson.gz',
      'batches/v1/dt=2025-11-03/hour=08/t+1+4.ndjson.gz',
      'batches/v1/dt=2025-11-03/hour=08/t+1+8.ndjson.gz',
    ])
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+1+4.ndjson.gz')).toEqual([
      'r4',
      'r5',
      'r6',
      'r7',
    ])
  })

  it('writes the same bytes when the same records are replayed, whatever the timing', async () => {
    const store = await tempStore()
    let now = 0
    const a = new BatchWriter(store, {
      maxRecords: 100,
      maxBytes: 1e6,
      maxAgeMs: 1e9,
      idleMs: 10,
      now: () => now,
    })
    await a.add('t', 0, '0', T, 'x')
    now = 50
    expect(await a.tick()).toBe(1) // idle: a snapshot of the open file
    await a.add('t', 0, '1', T, 'y')
    await a.flushAll()
    const first = await store.get('batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz')
    const b = new BatchWriter(store, { maxRecords: 100, maxBytes: 1e6, maxAgeMs: 1e9, idleMs: 1e9 })
    await b.add('t', 0, '0', T, 'x')
    await b.add('t', 0, '1', T, 'y')
    await b.flushAll()
    expect((await store.get('batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz')).equals(first)).toBe(true)
    expect(await store.list('batches/')).toHaveLength(1)
  })

  it('starts a new file when the hour changes, and writes idle partitions without waiting for a record', async () => {
    const store = await tempStore()
    let now = 0
    const w = new BatchWriter(store, {
      maxRecords: 100,
      maxBytes: 1e6,
      maxAgeMs: 1e9,
      idleMs: 1000,
      now: () => now,
    })
    await w.add('t', 0, '0', T, 'a')
    await w.add('t', 0, '1', T + 3_600_000, 'b')
    expect(await store.list('batches/')).toEqual(['batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz'])
    expect(await w.tick()).toBe(0)
    now = 1500
    expect(await w.tick()).toBe(1)
    expect(await store.list('batches/')).toContain('batches/v1/dt=2025-11-03/hour=09/t+0+1.ndjson.gz')
  })

  it('skips records handled again after an aborted commit, so no line is doubled', async () => {
    const store = await tempStore()
    const w = new BatchWriter(store, { maxRecords: 4, maxBytes: 1e6, maxAgeMs: 1e9, idleMs: 1e9 })
    for (const o of [0, 1, 2, 1, 2, 3, 4]) await w.add('t', 0, String(o), T, `r${o}`)
    await w.flushAll()
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz')).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
    ])
  })

  it('never lets a slow snapshot land after the write that closes the file', async () => {
    const dir = await tempStore()
    const puts: string[][] = []
    let slowFirst = true
    // A store whose first put (the timer's snapshot) takes longer than the second (the close).
    const store = {
      put: async (key: string, body: Buffer) => {
        if (slowFirst) {
          slowFirst = false
          await new Promise((r) => setTimeout(r, 50))
        }
        puts.push(gunzipSync(body).toString().trim().split('\n'))
        return dir.put(key, body)
      },
    } as unknown as LocalFolderStore
    let now = 0
    const w = new BatchWriter(store, {
      maxRecords: 3,
      maxBytes: 1e6,
      maxAgeMs: 1e9,
      idleMs: 10,
      now: () => now,
    })
    await w.add('t', 0, '0', T, 'a')
    now = 20
    const snapshot = w.tick()
    await w.add('t', 0, '1', T, 'b')
    await w.add('t', 0, '2', T, 'c')
    await w.add('t', 0, '3', T, 'd') // closes the first file while the snapshot is still in flight
    await snapshot
    expect(puts).toHaveLength(2)
    expect(puts[1]).toEqual(['a', 'b', 'c'])
    expect(await read(dir, 'batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz')).toEqual(['a', 'b', 'c'])
  })
})
