import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { S3ObjectStore, signsPayload } from './s3-store.ts'

describe('signsPayload', () => {
  it('signs bodies only over plain HTTP to another host, unless told', () => {
    expect(signsPayload({ endpoint: 'http://minio.internal:9000' })).toBe(true)
    expect(signsPayload({ endpoint: 'http://127.0.0.1:19000' })).toBe(false)
    expect(signsPayload({ endpoint: 'http://localhost:9000' })).toBe(false)
    expect(signsPayload({ endpoint: 'http://[::1]:9000' })).toBe(false)
    expect(signsPayload({ endpoint: 'https://s3.example.net' })).toBe(false)
    expect(signsPayload({})).toBe(false)
    expect(signsPayload({ endpoint: 'https://s3.example.net', signPayload: 'always' })).toBe(true)
    expect(signsPayload({ endpoint: 'http://minio.internal:9000', signPayload: 'never' })).toBe(false)
  })
})

/** The headers of the first PutObject the store sends, read by a bare HTTP listener. */
async function headersOfPut(signPayload: 'always' | 'never', body: Buffer): Promise<IncomingHttpHeaders> {
  let seen: IncomingHttpHeaders | undefined
  const server = createServer((req, res) => {
    seen ??= req.headers
    req.resume()
    req.on('end', () => {
      res.setHeader('ETag', '"0"')
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const store = new S3ObjectStore({
    bucket: 'wire',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    accessKeyId: 'id',
    secretAccessKey: 'secret',
    concurrency: 1,
    maxAttempts: 1,
    signPayload,
  })
  try {
    await store.put('k.json', body)
  } finally {
    await store.close()
    server.close()
  }
  if (!seen) throw new Error('no request reached the listener')
  return seen
}

describe('S3ObjectStore request signing', () => {
  const body = Buffer.from('{"headline":"a body to sign or not"}')

  it('sends UNSIGNED-PAYLOAD, a signed CRC32 of the body and a signature when not signing bodies', async () => {
    const headers = await headersOfPut('never', body)
    expect(headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD')
    expect(headers['x-amz-checksum-crc32']).toBeTruthy()
    expect(headers.authorization).toMatch(/SignedHeaders=.*x-amz-checksum-crc32.*x-amz-content-sha256/)
  })

  it('sends the SHA-256 of the body when signing bodies', async () => {
    const headers = await headersOfPut('always', body)
    expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'))
  })
})
