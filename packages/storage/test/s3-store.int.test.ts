import { randomBytes, randomUUID } from 'node:crypto'
import { CreateBucketCommand, DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { S3StoreOptions } from '../src/options.ts'
import { S3ObjectStore } from '../src/s3-store.ts'
import { expectCompareAndSwap } from './expect-compare-and-swap.ts'

const { s3: cfg } = inject('stack')
const bucket = `storage-test-${randomUUID().slice(0, 8)}`
const options = S3StoreOptions.parse({ ...cfg, bucket, forcePathStyle: true })
const store = new S3ObjectStore(options)

beforeAll(async () => {
  const admin = new S3Client({
    endpoint: cfg.endpoint,
    region: cfg.region,
    forcePathStyle: true,
    credentials: cfg,
  })
  await admin.send(new CreateBucketCommand({ Bucket: bucket }))
  admin.destroy()
})

afterAll(async () => {
  for (const key of await store.list('')) await store.delete(key)
  const admin = new S3Client({
    endpoint: cfg.endpoint,
    region: cfg.region,
    forcePathStyle: true,
    credentials: cfg,
  })
  await admin.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {})
  admin.destroy()
  await store.close()
})

describe('S3ObjectStore against the S3 server', () => {
  it('writes and reads back an object, with its URI, etag and size', async () => {
    const body = randomBytes(10_000)
    const put = await store.put('articles/v1/2024/05/17/a/b.json', body, { contentType: 'application/json' })
    expect(put).toMatchObject({ uri: `s3://${bucket}/articles/v1/2024/05/17/a/b.json`, size: 10_000 })
    expect(put!.etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect((await store.get('articles/v1/2024/05/17/a/b.json')).equals(body)).toBe(true)
    expect(await store.head('articles/v1/2024/05/17/a/b.json')).toEqual({
      etag: put!.etag,
      size: 10_000,
      metadata: {},
    })
    expect(await store.list('articles/')).toEqual(['articles/v1/2024/05/17/a/b.json'])
  })

  it('refuses to read an object over the size limit, and names a missing one as a bad reference', async () => {
    await store.put('pages/big.html', Buffer.alloc(5000, 97))
    await expect(store.get('pages/big.html', { maxBytes: 4096 })).rejects.toMatchObject({
      code: 'ERR_PAGE_TOO_LARGE',
      retryable: false,
    })
    await expect(store.get('pages/missing.html')).rejects.toMatchObject({
      code: 'ERR_BODY_REF',
      retryable: false,
    })
  })

  it('returns null for a conditional write over an existing key', async () => {
    expect(await store.put('once.json', 'a', { ifAbsent: true })).not.toBeNull()
    expect(await store.put('once.json', 'b', { ifAbsent: true })).toBeNull()
  })

  it('writes with ifMatch only over the version named (compare-and-swap), with metadata', async () => {
    await expectCompareAndSwap(store, 'batches/f.ndjson.gz')
  })

  it('writes with the body signed and unsigned alike (S3_SIGN_PAYLOAD)', async () => {
    for (const signPayload of ['always', 'never'] as const) {
      const signer = new S3ObjectStore({ ...options, signPayload })
      const body = randomBytes(20_000)
      const put = await signer.put(`signing/${signPayload}.bin`, body)
      expect(put?.size).toBe(20_000)
      expect((await signer.get(`signing/${signPayload}.bin`)).equals(body)).toBe(true)
      await signer.close()
    }
  })

  it('classifies an unreachable server as a retryable ERR_S3', async () => {
    const dead = new S3ObjectStore(
      S3StoreOptions.parse({ ...options, endpoint: 'http://127.0.0.1:1', maxAttempts: 1 }),
    )
    await expect(dead.put('x', 'y')).rejects.toMatchObject({ code: 'ERR_S3', retryable: true })
    await dead.close()
  })
})
