import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { LocalFolderStore, type PutOptions } from '@copydesk/storage'
import { describe, expect, it, onTestFinished } from 'vitest'
import { BatchWriter } from './batch-writer.ts'

async function tempStore(): Promise<LocalFolderStore> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-batch-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return new LocalFolderStore(dir)
}

const T = Date.UTC(2025, 10, 3, 8, 0)
/** Options of a writer that closes files by record count only (no size, age or idle flush). */
const byCount = (maxRecords: number) => ({ maxRecords, maxBytes: 1e6, maxAgeMs: 1e9, idleMs: 1e9 })
/** The lines `recover` gives for [from, to): record n's line is `r<n>`. */
const rebuilt = (from: string, to: string) =>
  Array.from({ length: Number(to) - Number(from) }, (_, i) => ({
    offset: String(Number(from) + i),
    timestampMs: T,
    line: `r${Number(from) + i}`,
  }))
const read = async (store: LocalFolderStore, key: string) =>
  gunzipSync(await store.get(key))
    .toString()
    .trim()
    .split('\n')

describe('BatchWriter', () => {
  it('cuts files at aligned offset blocks and names each after its first record', async () => {
    const store = await tempStore()
    const w = new BatchWriter(store, byCount(4))
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
    const b = new BatchWriter(store, byCount(100))
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
    const w = new BatchWriter(store, byCount(4))
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
      head: (key: string) => dir.head(key),
      put: async (key: string, body: Buffer, options: PutOptions) => {
        if (slowFirst) {
          slowFirst = false
          await new Promise((r) => setTimeout(r, 50))
        }
        puts.push(gunzipSync(body).toString().trim().split('\n'))
        return dir.put(key, body, options)
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

  it('rebuilds the block a restarted writer joins in the middle, so a crash after a commit loses no line', async () => {
    const store = await tempStore()
    const opts = byCount(4)
    // The first owner wrote a snapshot holding r4 only, then committed r5 and died before the next one.
    const first = new BatchWriter(store, opts)
    await first.add('t', 0, '4', T, 'r4')
    await first.flushAll()
    await first.add('t', 0, '5', T, 'r5')
    // The input as it is in Kafka: offset 7 is not in it (a transaction marker, or dead-lettered).
    const input = new Map([
      [4, 'r4'],
      [5, 'r5'],
      [6, 'r6'],
    ])
    const asked: string[][] = []
    const restarted = new BatchWriter(store, {
      ...opts,
      recover: async (topic, partition, from, to) => {
        asked.push([topic, String(partition), from, to])
        return [...input]
          .filter(([o]) => o >= Number(from) && o < Number(to))
          .map(([o, line]) => ({ offset: String(o), timestampMs: T, line }))
      },
    })
    await restarted.add('t', 0, '6', T, 'r6') // resumes after the committed r5: r4 and r5 come back
    await restarted.add('t', 0, '6', T, 'r6') // handled again: still once
    await restarted.add('t', 0, '8', T, 'r8') // next block: no recovery
    await restarted.flushAll()
    expect(asked).toEqual([['t', '0', '4', '6']])
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+4.ndjson.gz')).toEqual(['r4', 'r5', 'r6'])
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+8.ndjson.gz')).toEqual(['r8'])
  })

  it('recovers again on the next attempt when recovery failed, and never at a block start', async () => {
    const store = await tempStore()
    let calls = 0
    const w = new BatchWriter(store, {
      ...byCount(4),
      recover: async (_t, _p, from, to) => {
        calls++
        if (calls === 1) throw new Error('broker unavailable')
        return rebuilt(from, to)
      },
    })
    await w.add('t', 1, '0', T, 'r0') // a block start: nothing before it to recover
    await expect(w.add('t', 2, '2', T, 'r2')).rejects.toThrow('broker unavailable')
    await w.add('t', 2, '2', T, 'r2')
    await w.flushAll()
    expect(calls).toBe(2)
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+1+0.ndjson.gz')).toEqual(['r0'])
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+2+0.ndjson.gz')).toEqual(['r0', 'r1', 'r2'])
  })

  it('takes an assigned partition up at its committed offset: the block is written even if no record follows', async () => {
    const store = await tempStore()
    const w = new BatchWriter(store, {
      ...byCount(4),
      recover: async (_t, _p, from, to) => rebuilt(from, to),
    })
    await w.resume('t', 0, '7') // the previous owner committed 4-6 of the block 4-7 and died
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+4.ndjson.gz')).toEqual(['r4', 'r5', 'r6'])
    await w.add('t', 0, '7', T, 'r7') // the next record carries on the same file, recovering nothing again
    await w.resume('t', 0, '7') // a later rejoin: the writer already has the partition
    await w.resume('t', 1, '8') // a block start: nothing to rebuild
    await w.resume('t', 2, '-1') // nothing committed yet
    await w.flushAll()
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+4.ndjson.gz')).toEqual([
      'r4',
      'r5',
      'r6',
      'r7',
    ])
    expect(await store.list('batches/')).toEqual(['batches/v1/dt=2025-11-03/hour=08/t+0+4.ndjson.gz'])
  })

  it('forgets lost partitions without writing them, and takes one that comes back up afresh', async () => {
    const store = await tempStore()
    const asked: string[] = []
    const w = new BatchWriter(store, {
      ...byCount(8),
      recover: async (_t, partition, from, to) => {
        asked.push(`${partition}:${from}-${to}`)
        return rebuilt(from, to)
      },
    })
    await w.add('t', 0, '0', T, 'r0')
    await w.add('t', 1, '0', T, 'r0')
    w.retain('t', [1]) // partition 0 went to another instance, which rebuilds its block
    await w.flushAll()
    expect(await store.list('batches/')).toEqual(['batches/v1/dt=2025-11-03/hour=08/t+1+0.ndjson.gz'])
    // It comes back after the other instance committed up to 5: rebuilt from the input, not resumed
    // from what this writer had before.
    await w.resume('t', 0, '5')
    expect(asked).toEqual(['0:0-5'])
    expect(await read(store, 'batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz')).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
      'r4',
    ])
  })

  it('never replaces a longer version of a file with a shorter one, whoever writes it', async () => {
    const store = await tempStore()
    const key = 'batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz'
    // The old owner of partition 0 snapshots 2 lines late, after the new owner wrote 4.
    const oldOwner = new BatchWriter(store, { ...byCount(8), tag: 'v1' })
    const newOwner = new BatchWriter(store, {
      ...byCount(8),
      tag: 'v1',
      recover: async (_t, _p, from, to) => rebuilt(from, to),
    })
    await oldOwner.add('t', 0, '0', T, 'r0')
    await oldOwner.add('t', 0, '1', T, 'r1')
    await newOwner.resume('t', 0, '2')
    await newOwner.add('t', 0, '2', T, 'r2')
    await newOwner.add('t', 0, '3', T, 'r3')
    await newOwner.flushAll()
    await oldOwner.flushAll()
    expect(await read(store, key)).toEqual(['r0', 'r1', 'r2', 'r3'])
    expect((await store.head(key))?.metadata).toEqual({ 'copydesk-lines': '4', 'copydesk-tag': 'v1' })
    // A replay by another pipeline version rewrites the file even with fewer lines.
    const replay = new BatchWriter(store, { ...byCount(8), tag: 'v2' })
    await replay.add('t', 0, '0', T, 'R0')
    await replay.flushAll()
    expect(await read(store, key)).toEqual(['R0'])
  })

  it('looks again when another writer wins between its look and its write', async () => {
    const dir = await tempStore()
    const key = 'batches/v1/dt=2025-11-03/hour=08/t+0+0.ndjson.gz'
    const rival = new BatchWriter(dir, byCount(8))
    for (const o of [0, 1, 2]) await rival.add('t', 0, String(o), T, `r${o}`)
    let rivalWrites = 1
    // Before each of this writer's puts, the rival lands its own version first.
    const store = {
      head: (k: string) => dir.head(k),
      put: async (k: string, body: Buffer, options: PutOptions) => {
        if (rivalWrites-- > 0) await rival.flushAll()
        return dir.put(k, body, options)
      },
    } as unknown as LocalFolderStore
    const w = new BatchWriter(store, byCount(8))
    await w.add('t', 0, '0', T, 'r0')
    await w.flushAll()
    // Its put lost (the rival's 3 lines came first); it looked again and kept the longer version.
    expect(await read(dir, key)).toEqual(['r0', 'r1', 'r2'])

    // A store where every conditional write loses: the write gives up with a retryable error.
    const busy = {
      head: (k: string) => dir.head(k),
      put: async () => null,
    } as unknown as LocalFolderStore
    const loser = new BatchWriter(busy, { ...byCount(8), tag: 'other' })
    await loser.add('t', 0, '0', T, 'x')
    await expect(loser.flushAll()).rejects.toMatchObject({ code: 'ERR_S3', retryable: true })
  })
})
