import { describe, expect, it } from 'vitest'
import { readJsonLdArticle } from './json-ld.ts'

describe('readJsonLdArticle', () => {
  it('finds the NewsArticle inside a @graph and reads its fields', () => {
    const script = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Site' },
        {
          '@type': ['NewsArticle'],
          headline: 'Harbour strike enters second day',
          author: [{ '@type': 'Person', name: 'Marta Keller' }, 'Paul Novak'],
          datePublished: '2024-03-05T14:20:00+01:00',
          articleSection: ['Business', 'Transport'],
          inLanguage: 'en-GB',
          mainEntityOfPage: { '@id': 'https://ledger.example/a' },
          publisher: { '@type': 'Organization', name: 'The Ledger' },
        },
      ],
    })
    expect(readJsonLdArticle([script])).toEqual({
      headline: 'Harbour strike enters second day',
      authors: ['Marta Keller', 'Paul Novak'],
      datePublished: '2024-03-05T14:20:00+01:00',
      section: 'Business',
      language: 'en-GB',
      url: 'https://ledger.example/a',
      publisher: 'The Ledger',
    })
  })

  it('skips broken scripts and pages without an article object', () => {
    expect(readJsonLdArticle(['{"@type": "NewsArticle", "headline": "x",}'])).toBeNull()
    expect(readJsonLdArticle(['{"@type": "Organization", "name": "Ledger"}'])).toBeNull()
    expect(readJsonLdArticle([`${'['.repeat(50_000)}${']'.repeat(50_000)}`])).toBeNull()
  })

  it('reads a BlogPosting wrapped in an HTML comment', () => {
    const script =
      '<!-- {"@type": "BlogPosting", "headline": "Open thread", "author": {"name": "Catherine"}} -->'
    expect(readJsonLdArticle([script])?.authors).toEqual(['Catherine'])
  })
})
