import { describe, expect, it } from 'vitest'
import { batchKey, parseS3Uri, recordKey } from './keys.ts'

describe('key layout', () => {
  it('files a record under the UTC day it was fetched, by article id and content hash', () => {
    expect(recordKey('a'.repeat(32), 'b'.repeat(64), '2024-05-17T23:30:00-02:00')).toBe(
      `articles/v1/2024/05/18/${'a'.repeat(32)}/${'b'.repeat(64)}.json`,
    )
  })

  it('names a batch file from the Kafka coordinates of its first record', () => {
    expect(batchKey('articles.deduped', 3, '1200', Date.UTC(2024, 4, 17, 9, 15))).toBe(
      'batches/v1/dt=2024-05-17/hour=09/articles.deduped+3+1200.ndjson.gz',
    )
  })

  it('parses s3 URIs and rejects anything else with ERR_BODY_REF', () => {
    expect(parseS3Uri('s3://raw-pages/2024/page.html')).toEqual({
      bucket: 'raw-pages',
      key: '2024/page.html',
    })
    expect(() => parseS3Uri('https://example.com/x')).toThrow(
      expect.objectContaining({ code: 'ERR_BODY_REF' }),
    )
  })
})
