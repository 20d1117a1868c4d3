import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CopydeskError } from './errors.ts'
import { EnrichedEvent, ExtractedArticle, RawPage } from './events.ts'
import { decodeEvent, parseEvent } from './parse.ts'
import { makeExtractedArticle, makeRawPage } from './test-builders.ts'

const seedPage = readFileSync(join(import.meta.dirname, '../../../test/fixtures/pages/seed/page.txt'), 'utf8')

function schemaError(fn: () => unknown): CopydeskError {
  try {
    fn()
  } catch (err) {
    return err as CopydeskError
  }
  throw new Error('expected a schema error')
}

describe('RawPage', () => {
  it('accepts the seed page as a text dump', () => {
    const page = parseEvent(
      RawPage,
      makeRawPage({ body: seedPage, contentType: 'text/plain; charset=utf-8' }),
    )
    expect(page.body).toContain('North Korean leader Kim Jong-un')
  })

  it('accepts a page sent by reference', () => {
    const page = makeRawPage({ bodyRef: 's3://copydesk-raw/pages/abc.html', contentType: 'text/html' })
    delete (page as { body?: string }).body
    expect(parseEvent(RawPage, page).bodyRef).toBe('s3://copydesk-raw/pages/abc.html')
  })

  it('rejects a page with both body and bodyRef, or neither', () => {
    const both = schemaError(() => parseEvent(RawPage, makeRawPage({ bodyRef: 's3://bucket-a/key' })))
    expect(both.message).toContain('body: exactly one of body and bodyRef must be set')
    const neither = makeRawPage()
    delete (neither as { body?: string }).body
    expect(() => parseEvent(RawPage, neither)).toThrow(/exactly one of body and bodyRef/)
  })

  it('lists every failing field path in one error', () => {
    const err = schemaError(() =>
      parseEvent(RawPage, {
        schemaVersion: 2,
        url: 'ftp://x',
        fetchedAt: 'yesterday',
        contentType: 'image/png',
        body: 1,
      }),
    )
    expect(err).toBeInstanceOf(CopydeskError)
    expect(err.code).toBe('ERR_SCHEMA')
    expect(err.retryable).toBe(false)
    for (const path of ['schemaVersion:', 'url:', 'fetchedAt:', 'contentType:', 'body:'])
      expect(err.message).toContain(path)
    expect(err.details.paths).toEqual(
      expect.arrayContaining(['schemaVersion', 'url', 'fetchedAt', 'contentType', 'body']),
    )
  })
})

describe('decodeEvent', () => {
  it('gives ERR_INVALID_JSON for bytes that are not JSON, and for invalid UTF-8', () => {
    expect(() => decodeEvent(RawPage, Buffer.from('{not json'))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_JSON' }),
    )
    expect(() => decodeEvent(RawPage, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_JSON' }),
    )
    expect(() => decodeEvent(RawPage, null)).toThrow(/tombstone/)
  })

  it('decodes a valid event from bytes', () => {
    const page = makeRawPage()
    expect(decodeEvent(RawPage, Buffer.from(JSON.stringify(page)))).toEqual(page)
  })
})

describe('ExtractedArticle and EnrichedEvent', () => {
  it('accepts a built extracted article and rejects a malformed article id', () => {
    expect(parseEvent(ExtractedArticle, makeExtractedArticle()).paragraphs).toHaveLength(2)
    expect(() => parseEvent(ExtractedArticle, makeExtractedArticle({ articleId: 'ABC' }))).toThrow(
      /articleId: must be 32/,
    )
  })

  it('requires the record location and the pipeline version on an enriched event', () => {
    const err = schemaError(() => parseEvent(EnrichedEvent, { schemaVersion: 1 }))
    expect(err.message).toMatch(/record: /)
    expect(err.message).toMatch(/pipeline: /)
    expect(err.message).toMatch(/dedupe: /)
  })
})
