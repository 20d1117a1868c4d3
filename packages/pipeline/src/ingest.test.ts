import { makeRawPage } from '@copydesk/contracts'
import { describe, expect, it } from 'vitest'
import { chooseCanonicalUrl, ingestPage } from './ingest.ts'

describe('ingest', () => {
  it('keeps a syndicated copy’s own URL when its canonical link points at another site', () => {
    expect(
      chooseCanonicalUrl('https://outlet.example/a?utm_source=x', 'https://www.reuters.com/world/original'),
    ).toBe('https://outlet.example/a')
    expect(chooseCanonicalUrl('https://www.outlet.example/a?page=2', 'https://outlet.example/a')).toBe(
      'https://outlet.example/a',
    )
  })

  it('reads a page sent by reference through the store port, with the size limit', async () => {
    const html =
      '<html><head><title>T</title></head><body><article><h1>Storm warning issued</h1><p>Forecasters issued warnings for the whole coast on Monday as the storm approached, with gusts expected overnight.</p><p>Ferries were cancelled and schools closed early across the region as a precaution.</p></article></body></html>'
    const seen: unknown[] = []
    const page = makeRawPage({ contentType: 'text/html', bodyRef: 's3://raw-pages/p/1.html' })
    delete (page as { body?: string }).body
    const article = await ingestPage(page, {
      maxRefBytes: 1234,
      fetchBodyRef: async (bucket, key, maxBytes) => {
        seen.push([bucket, key, maxBytes])
        return Buffer.from(html)
      },
    })
    expect(seen).toEqual([['raw-pages', 'p/1.html', 1234]])
    expect(article.paragraphs.join(' ')).toContain('Forecasters issued warnings')
    expect(article.articleId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('refuses a page by reference when there is no store to read it from', async () => {
    const page = makeRawPage({ bodyRef: 's3://raw-pages/p/1.html' })
    delete (page as { body?: string }).body
    await expect(ingestPage(page)).rejects.toMatchObject({ code: 'ERR_BODY_REF', retryable: false })
  })
})
