import { randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

// Proves the S3 server of the test stack accepts what @aws-sdk/client-s3 v3 sends by default
// (CRC32 checksums, aws-chunked streaming uploads with trailers, multipart) and enforces
// conditional writes. Only the endpoint, path style and credentials are set: nothing else.
const { s3: cfg } = inject('stack')
const s3 = new S3Client({
  endpoint: cfg.endpoint,
  region: cfg.region,
  forcePathStyle: true,
  credentials: cfg,
})
const bucket = `stack-test-${randomUUID().slice(0, 8)}`

async function keys(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket }))
  return (out.Contents ?? []).map((o) => o.Key!).sort()
}

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})

afterAll(async () => {
  for (const key of await keys().catch(() => []))
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
  await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {})
  s3.destroy()
})

describe('the S3 server of the test stack', () => {
  it('puts string, Buffer and stream bodies and gets them back byte for byte', async () => {
    const buffer = randomBytes(64 * 1024)
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'a/string.json',
        Body: '{"hello":"wörld"}',
        ContentType: 'application/json',
      }),
    )
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a/buffer.bin', Body: buffer }))
    const streamed = randomBytes(300 * 1024)
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'a/stream.bin',
        Body: Readable.from([streamed.subarray(0, 1000), streamed.subarray(1000)]),
        ContentLength: streamed.length,
      }),
    )
    const get = async (key: string) =>
      Buffer.from(
        await (
          await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        ).Body!.transformToByteArray(),
      )
    expect((await get('a/string.json')).toString('utf8')).toBe('{"hello":"wörld"}')
    expect((await get('a/buffer.bin')).equals(buffer)).toBe(true)
    expect((await get('a/stream.bin')).equals(streamed)).toBe(true)
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'a/string.json' }))
    expect(head.ContentType).toBe('application/json')
    expect(head.ETag).toMatch(/^"[0-9a-f-]+"$/)
  })

  it('lists and deletes objects', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b/one', Body: '1' }))
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b/two', Body: '2' }))
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'b/' }))
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['b/one', 'b/two'])
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'b/one' }))
    const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'b/' }))
    expect((after.Contents ?? []).map((o) => o.Key)).toEqual(['b/two'])
  })

  it('runs a 20 MB multipart upload', async () => {
    const body = randomBytes(20 * 1024 * 1024)
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: 'c/big.bin', Body: Readable.from([body]) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    })
    const parts: number[] = []
    upload.on('httpUploadProgress', (p) => p.part !== undefined && parts.push(p.part))
    const done = await upload.done()
    expect(done.ETag).toMatch(/-4"$/) // a multipart ETag names its part count
    expect(new Set(parts).size).toBe(4)
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c/big.bin' }))
    expect(head.ContentLength).toBe(body.length)
  })

  it('refuses a conditional put (If-None-Match: *) on an existing key with 412', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'd/once', Body: 'first', IfNoneMatch: '*' }))
    const err = await s3
      .send(new PutObjectCommand({ Bucket: bucket, Key: 'd/once', Body: 'second', IfNoneMatch: '*' }))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(S3ServiceException)
    expect((err as S3ServiceException).$metadata.httpStatusCode).toBe(412)
    const kept = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'd/once' }))
    expect(await kept.Body!.transformToString()).toBe('first')
  })
})
