import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { expectCompareAndSwap } from '../test/expect-compare-and-swap.ts'
import { LocalFolderStore } from './local-store.ts'

async function tempStore(): Promise<LocalFolderStore> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-store-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return new LocalFolderStore(dir)
}

describe('LocalFolderStore', () => {
  it('writes, reads, lists and deletes objects with S3-style etags', async () => {
    const store = await tempStore()
    const put = await store.put('articles/v1/2024/05/17/x/y.json', '{"a":1}')
    expect(put).toMatchObject({ size: 7, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) })
    expect(put!.uri).toMatch(/^file:\/\/.*articles\/v1\/2024\/05\/17\/x\/y\.json$/)
    expect((await store.get('articles/v1/2024/05/17/x/y.json')).toString()).toBe('{"a":1}')
    await store.put('articles/v1/2024/05/18/z.json', 'z')
    expect(await store.list('articles/v1/2024/05/17/')).toEqual(['articles/v1/2024/05/17/x/y.json'])
    await store.delete('articles/v1/2024/05/17/x/y.json')
    expect(await store.head('articles/v1/2024/05/17/x/y.json')).toBeNull()
  })

  it('gives the same etag for the same bytes, so a rewrite is recognisable', async () => {
    const store = await tempStore()
    const a = await store.put('k', Buffer.from('same'))
    const b = await store.put('k', Buffer.from('same'))
    expect(a!.etag).toBe(b!.etag)
  })

  it('refuses a conditional write over an existing key, and reads beyond the size limit', async () => {
    const store = await tempStore()
    expect(await store.put('once', 'first', { ifAbsent: true })).not.toBeNull()
    expect(await store.put('once', 'second', { ifAbsent: true })).toBeNull()
    await expect(store.get('once', { maxBytes: 3 })).rejects.toMatchObject({
      code: 'ERR_PAGE_TOO_LARGE',
      retryable: false,
    })
    await expect(store.get('missing')).rejects.toMatchObject({ code: 'ERR_BODY_REF' })
  })

  it('writes with ifMatch only over the version named, and keeps metadata beside the object', async () => {
    const store = await tempStore()
    await expectCompareAndSwap(store, 'batches/f.ndjson.gz')
    expect(await store.list('batches/')).toEqual(['batches/f.ndjson.gz'])
    // A write without metadata leaves none behind, and a delete takes it too.
    await store.put('batches/f.ndjson.gz', 'three')
    expect((await store.head('batches/f.ndjson.gz'))?.metadata).toEqual({})
    await store.put('batches/f.ndjson.gz', 'four', { metadata: { lines: '4' } })
    await store.delete('batches/f.ndjson.gz')
    await store.put('batches/f.ndjson.gz', 'five')
    expect((await store.head('batches/f.ndjson.gz'))?.metadata).toEqual({})
  })

  it('never lets a key escape its folder', async () => {
    const store = await tempStore()
    await expect(store.put('../../etc/evil', 'x')).rejects.toMatchObject({ code: 'ERR_BODY_REF' })
  })
})
