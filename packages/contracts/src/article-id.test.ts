import { describe, expect, it } from 'vitest'
import { articleIdFor, canonicalizeUrl } from './article-id.ts'

describe('articleIdFor', () => {
  it('gives one id to the same article reached through tracking links and fragments', () => {
    const a = articleIdFor('https://News.Example.com/world/story-1/?utm_source=x&utm_medium=y#comments')
    const b = articleIdFor('https://news.example.com/world/story-1')
    expect(a).toBe(b)
    expect(a).toMatch(/^[0-9a-f]{32}$/)
  })

  it('keeps parameters that select content', () => {
    expect(canonicalizeUrl('https://example.com/article?id=42&utm_campaign=z')).toBe(
      'https://example.com/article?id=42',
    )
    expect(articleIdFor('https://example.com/article?id=42')).not.toBe(
      articleIdFor('https://example.com/article?id=43'),
    )
  })
})
