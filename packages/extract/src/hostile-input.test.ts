import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article.ts'

const PARAGRAPH =
  '<p>The council met on Monday evening to discuss the harbour, the budget and the new tram line.</p>'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    return (err as { code?: string }).code
  }
  return undefined
}

describe('extractArticle on hostile input', () => {
  it('rejects an empty or blank page with ERR_EMPTY_PAGE', () => {
    expect(codeOf(() => extractArticle({ body: '' }))).toBe('ERR_EMPTY_PAGE')
    expect(codeOf(() => extractArticle({ body: new Uint8Array(0) }))).toBe('ERR_EMPTY_PAGE')
    expect(codeOf(() => extractArticle({ body: '  \n\t ' }))).toBe('ERR_EMPTY_PAGE')
  })

  it('rejects a 20 MB page with ERR_PAGE_TOO_LARGE before parsing it', () => {
    const started = performance.now()
    const body = `<html><body>${PARAGRAPH.repeat(Math.ceil((20 * 1024 * 1024) / PARAGRAPH.length))}</body></html>`
    expect(codeOf(() => extractArticle({ body }))).toBe('ERR_PAGE_TOO_LARGE')
    expect(codeOf(() => extractArticle({ body: Buffer.from(body) }))).toBe('ERR_PAGE_TOO_LARGE')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('extracts a large page under the limit within the time budget', () => {
    const body = `<html><body><article>${PARAGRAPH.repeat(50_000)}</article></body></html>`
    const started = performance.now()
    const article = extractArticle({ body }, { timeoutMs: 10_000 })
    // The articles.extracted contract holds at most 20,000 paragraphs.
    expect(article.paragraphs.length).toBe(20_000)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('survives HTML nested 100,000 deep without overflowing the stack', () => {
    const depth = 100_000
    const body = `<html><body>${'<div>'.repeat(depth)}${PARAGRAPH}${PARAGRAPH}${'</div>'.repeat(depth)}</body></html>`
    const started = performance.now()
    const article = extractArticle({ body })
    expect(article.paragraphs.join(' ')).toContain('The council met on Monday evening')
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('survives unclosed tags nested 100,000 deep', () => {
    const body = `<body>${'<span><b><i>'.repeat(35_000)}${PARAGRAPH}`
    expect(extractArticle({ body }).paragraphs.join(' ')).toContain('harbour')
  })

  it('rejects binary junk with ERR_NOT_TEXT', () => {
    const bytes = new Uint8Array(100_000)
    let seed = 7
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0
      bytes[i] = seed >>> 24
    }
    expect(codeOf(() => extractArticle({ body: bytes }))).toBe('ERR_NOT_TEXT')
    expect(codeOf(() => extractArticle({ body: bytes, contentType: 'text/html' }))).toBe('ERR_NOT_TEXT')
  })

  it('reads a page with a few invalid UTF-8 bytes, replacing them', () => {
    const good = Buffer.from(`<html><body>${PARAGRAPH}${PARAGRAPH}</body></html>`)
    const body = Buffer.concat([good.subarray(0, 40), Buffer.from([0xff, 0xfe, 0xc3]), good.subarray(40)])
    expect(extractArticle({ body }).paragraphs[0]).toContain('council met')
  })

  it('rejects a page with no article text with ERR_NO_ARTICLE', () => {
    expect(
      codeOf(() => extractArticle({ body: '<html><body><nav><a href="/">Home</a></nav></body></html>' })),
    ).toBe('ERR_NO_ARTICLE')
  })

  it('stops with ERR_EXTRACT_TIMEOUT when the budget runs out, and marks the error non-retryable', () => {
    const body = `<html><body>${PARAGRAPH.repeat(60_000)}</body></html>`
    let error: { code?: string; retryable?: boolean } = {}
    try {
      extractArticle({ body }, { timeoutMs: 1 })
    } catch (err) {
      error = err as typeof error
    }
    expect(error.code).toBe('ERR_EXTRACT_TIMEOUT')
    expect(error.retryable).toBe(false)
  })
})
