import { readFileSync } from 'node:fs'
import { articleIdFor, ExtractedArticle, parseEvent, SCHEMA_VERSION } from '@copydesk/contracts'
import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article.ts'

const PARAGRAPH =
  '<p>The council met on Monday evening to discuss the harbour, the budget and the new tram line.</p>'

function toEvent(body: string | Buffer, url: string): unknown {
  const article = extractArticle({ body, url })
  const canonicalUrl = article.canonicalUrl ?? url
  return {
    ...article,
    schemaVersion: SCHEMA_VERSION,
    articleId: articleIdFor(canonicalUrl),
    url,
    canonicalUrl,
    fetchedAt: '2024-03-05T14:30:00Z',
  }
}

describe('extractArticle and the articles.extracted contract', () => {
  it('gives fields that fit the ExtractedArticle event', () => {
    const html = readFileSync(new URL('../test/fixtures/wire-story.html', import.meta.url))
    const event = parseEvent(ExtractedArticle, toEvent(html, 'https://ledger.example/x'))
    expect(event.wireAgency).toBe('Reuters')
  })

  it('stays within the contract bounds on a page of 100,000 paragraphs', () => {
    const body = `<html><body><article>${PARAGRAPH.repeat(100_000)}</article></body></html>`
    const event = parseEvent(ExtractedArticle, toEvent(body, 'https://ledger.example/y'))
    expect(event.paragraphs).toHaveLength(20_000)
  })
})
