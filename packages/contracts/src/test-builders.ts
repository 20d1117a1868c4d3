import { articleIdFor } from './article-id.ts'
import type { ExtractedArticle, RawPage } from './events.ts'

/** A valid raw page with overrides, for tests. */
export function makeRawPage(overrides: Partial<RawPage> = {}): RawPage {
  return {
    schemaVersion: 1,
    url: 'https://news.example.com/world/2024/05/17/north-korea-arms',
    fetchedAt: '2024-05-17T10:00:00Z',
    contentType: 'text/plain',
    body: 'Title\n\nBody paragraph.',
    ...overrides,
  }
}

/** A valid extracted article with overrides, for tests. */
export function makeExtractedArticle(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  const url = overrides.url ?? 'https://news.example.com/world/2024/05/17/north-korea-arms'
  return {
    schemaVersion: 1,
    articleId: articleIdFor(url),
    url,
    canonicalUrl: url,
    fetchedAt: '2024-05-17T10:00:00Z',
    title: 'A headline',
    paragraphs: ['First paragraph.', 'Second paragraph.'],
    byline: [],
    publishedAt: null,
    section: null,
    language: 'en',
    wireAgency: null,
    bodyHash: 'a'.repeat(64),
    format: 'text',
    ...overrides,
  }
}
