import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article.ts'

const fixture = (name: string): Buffer => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url))
const seedDir = new URL('../../../test/fixtures/pages/seed/', import.meta.url)

describe('extractArticle on the seed page', () => {
  const expected = JSON.parse(readFileSync(new URL('expected.json', seedDir), 'utf8')) as {
    title: string
    publishedDate: string
    section: string
    byline: string[]
    wireAgency: string
    bodyStartsWith: string
    bodyEndsWith: string
    bodyMustNotContain: string[]
  }
  const article = extractArticle({
    body: readFileSync(new URL('page.txt', seedDir)),
    contentType: 'text/plain',
  })
  const body = article.paragraphs.join('\n\n')

  it('reads the title, date, section and byline from the lines above the body', () => {
    expect(article.title).toBe(expected.title)
    expect(article.publishedAt?.startsWith(expected.publishedDate)).toBe(true)
    expect(article.section).toBe(expected.section)
    expect(article.byline).toEqual(expected.byline)
  })

  it('credits the wire agency named on the closing line', () => {
    expect(article.wireAgency).toBe(expected.wireAgency)
  })

  it('keeps the story from its first sentence to its last, and none of the sidebar', () => {
    expect(body.startsWith(expected.bodyStartsWith)).toBe(true)
    // The label stops before the closing quotation mark of the last quote.
    expect(body.replace(/["”’]+$/, '').endsWith(expected.bodyEndsWith)).toBe(true)
    for (const text of expected.bodyMustNotContain) expect(body).not.toContain(text)
    expect(article.format).toBe('text')
  })
})

describe('extractArticle on the seed page hard-wrapped at 72 columns', () => {
  const wrap = (text: string): string => {
    const out: string[] = []
    let line = ''
    for (const word of text.split(' ')) {
      if (line && line.length + word.length + 1 > 72) {
        out.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    out.push(line)
    return out.join('\n')
  }
  const page = readFileSync(new URL('page.txt', seedDir), 'utf8').split('\n').map(wrap).join('\n')
  const article = extractArticle({ body: page, contentType: 'text/plain' })

  it('rejoins the wrapped lines and still finds the story and its metadata', () => {
    expect(article.title).toBe("North Korea Debunks 'Absurd Rumor' Claims of Arms Exports to Russia")
    expect(article.byline).toEqual(['Benedicta Bassey'])
    expect(article.wireAgency).toBe('AFP')
    expect(article.paragraphs).toHaveLength(12)
    expect(article.paragraphs[0]).toMatch(/^North Korean leader Kim Jong-un has debunked/)
  })
})

describe('extractArticle on HTML', () => {
  it('takes the article and metadata of a wire story and drops navigation, captions and sidebars', () => {
    const article = extractArticle({
      body: fixture('wire-story.html'),
      contentType: 'text/html; charset=utf-8',
    })
    expect(article).toMatchObject({
      title: 'Harbour cranes stand idle as dockworkers strike for a second day',
      byline: ['Marta Keller'],
      publishedAt: '2024-03-05T14:20:00+01:00',
      section: 'Business',
      language: 'en-GB',
      canonicalUrl: 'https://ledger.example/business/harbour-strike-day-two',
      wireAgency: 'Reuters',
      format: 'html',
    })
    const body = article.paragraphs.join('\n')
    expect(article.paragraphs[0]).toMatch(/^BRUSSELS \(Reuters\) - Container cranes/)
    expect(article.paragraphs).toHaveLength(6)
    for (const junk of ['Most read', 'Sign up', 'Advertisement', 'Share on', 'Photo:', 'Privacy', 'Sport']) {
      expect(body).not.toContain(junk)
    }
  })

  it('reads OpenGraph and meta tags when a page has no JSON-LD, and strips the closing AFP credit', () => {
    const article = extractArticle({ body: fixture('meta-only.html') })
    expect(article).toMatchObject({
      title: 'Les vendanges commencent tôt dans la vallée',
      byline: ['Claire Morel'],
      publishedAt: '2023-08-21T07:05:00Z',
      section: 'Régions',
      language: 'fr',
      wireAgency: 'AFP',
    })
    expect(article.paragraphs).toHaveLength(3)
    expect(article.paragraphs.join(' ')).not.toMatch(/lire aussi|Accueil/)
  })

  it('resolves a relative canonical link against the page URL', () => {
    const body =
      '<html><head><link rel="canonical" href="/news/42"></head><body><p>The council met on Monday evening to discuss the harbour and the budget.</p></body></html>'
    expect(extractArticle({ body, url: 'https://val.example/a/1?x=1' }).canonicalUrl).toBe(
      'https://val.example/news/42',
    )
  })

  it('falls back to the page URL when the page names no canonical URL', () => {
    const article = extractArticle({ body: fixture('meta-only.html'), url: 'https://val.example/a/1' })
    expect(article.canonicalUrl).toBe('https://val.example/a/1')
  })

  it('hashes the same body the same way whatever its spacing and quotes', () => {
    const a = extractArticle({
      body: '<p>He said “yes”   to the plan, and the council agreed to it on Monday evening.</p>',
    })
    const b = extractArticle({
      body: '<div><p>He said "yes" to the plan, and the council agreed to it on Monday\nevening.</p></div>',
    })
    expect(a.bodyHash).toBe(b.bodyHash)
    expect(a.bodyHash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('extractArticle on a text dump', () => {
  it('separates the story from teasers, prompts, channel lists and menus', () => {
    const article = extractArticle({ body: fixture('news-dump.txt').toString('utf8') })
    expect(article).toMatchObject({
      title: 'Glacier lake drained to protect mountain village',
      byline: ['Ingrid Solberg'],
      publishedAt: '2024-06-03',
      section: 'Environment',
      wireAgency: 'dpa',
      language: 'en',
      format: 'text',
    })
    expect(article.paragraphs).toHaveLength(4)
    expect(article.paragraphs.at(-1)).toBe(
      'The operation is expected to take four to six weeks, weather permitting.',
    )
  })

  it('hangs the body from the repeated headline and stops at the comment thread', () => {
    const article = extractArticle({
      body: fixture('titled-dump.txt'),
      contentType: 'text/plain; charset=utf-8',
    })
    expect(article.title).toBe('City library reopens after two-year renovation')
    expect(article.byline).toEqual(['Lena Fischer'])
    expect(article.publishedAt).toBe('2024-03-09T09:15:00+01:00')
    expect(article.paragraphs).toHaveLength(4)
    expect(article.paragraphs[0]).toMatch(/^The city library reopened/)
    expect(article.paragraphs.join(' ')).not.toMatch(/Bakery|marco_r|café prices|Share this/)
  })

  it('decodes a windows-1252 page by its meta charset', () => {
    const html =
      '<html><head><meta charset="windows-1252"></head><body><p>Le caf\u00e9 du port a rouvert ses portes lundi matin, apr\u00e8s deux ans de travaux.</p></body></html>'
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0))
    expect(extractArticle({ body: bytes }).paragraphs[0]).toContain('café du port')
  })
})
