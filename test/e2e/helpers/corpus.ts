import { readFileSync } from 'node:fs'
import { join } from 'node:path'

// A deterministic corpus of raw pages for the end-to-end tests: synthetic articles (made-up words
// around English function words, so that no two share a sentence), wire stories reprinted by other
// outlets, pages sent by reference, the seed page, and bad pages of several kinds.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CONSONANTS = 'bcdfghjklmnprstvz'
const VOWELS = 'aeiou'
const FUNCTION_WORDS = [
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'that',
  'for',
  'on',
  'with',
  'said',
  'was',
  'by',
  'from',
  'after',
]

export class Corpus {
  readonly #rand: () => number
  constructor(seed: number) {
    this.#rand = mulberry32(seed)
  }
  #pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.#rand() * xs.length)]!
  }
  #int(min: number, max: number): number {
    return min + Math.floor(this.#rand() * (max - min + 1))
  }
  word(): string {
    let w = ''
    for (let i = this.#int(2, 4); i > 0; i--) w += this.#pick([...CONSONANTS]) + this.#pick([...VOWELS])
    return w
  }
  sentence(): string {
    const words: string[] = []
    for (let i = this.#int(10, 22); i > 0; i--)
      words.push(this.#rand() < 0.35 ? this.#pick(FUNCTION_WORDS) : this.word())
    const s = words.join(' ')
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`
  }
  paragraph(): string {
    return Array.from({ length: this.#int(2, 4) }, () => this.sentence()).join(' ')
  }
  paragraphs(n: number): string[] {
    return Array.from({ length: n }, () => this.paragraph())
  }
  title(): string {
    const t = Array.from({ length: this.#int(5, 9) }, () => this.word()).join(' ')
    return `${t[0]!.toUpperCase()}${t.slice(1)}`
  }
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => Math.floor(this.#rand() * 256)))
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** An article page as an outlet would serve it: navigation, the story, teasers, a footer. */
export function articleHtml(o: {
  outlet: string
  title: string
  paragraphs: string[]
  teaser?: string
  byline?: string
  publishedAt: string
}): string {
  const body = o.paragraphs
    .map(
      (p, i) =>
        `<p>${esc(p)}</p>${i === 1 && o.teaser ? `<div class="teaser"><strong>READ ALSO:</strong> <a href="/x">${esc(o.teaser)}</a></div>` : ''}`,
    )
    .join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(o.title)} | ${o.outlet}</title>
<meta property="og:title" content="${esc(o.title)}"><meta property="article:published_time" content="${o.publishedAt}"></head>
<body><header><nav><a href="/">${o.outlet}</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/login">Sign in</a></nav></header>
<main><article><h1>${esc(o.title)}</h1>${o.byline ? `<p class="byline">By ${esc(o.byline)}</p>` : ''}
${body}
</article></main><aside><h2>Most read</h2><ul><li><a href="/a">Local team wins again</a></li><li><a href="/b">Weather turns colder</a></li></ul></aside>
<footer>© ${o.outlet}. Subscribe to our newsletter.</footer></body></html>`
}

export interface CorpusPage {
  key: string
  /** the Kafka value: a raw-page event as JSON, or bad bytes */
  value: Buffer
  kind: 'unique' | 'wire' | 'seed' | 'by-ref' | 'bad'
  /** wire story this page is a copy of */
  story?: number
  /** for pages sent by reference: the object to upload first */
  upload?: { key: string; body: string }
}

const seedPage = readFileSync(join(import.meta.dirname, '../../fixtures/pages/seed/page.txt'), 'utf8')

/** Builds `total` pages: 1 seed, `wireStories` × 4 wire copies, `byRef` by reference, 50 bad, the rest unique. */
export function buildCorpus(options: {
  total: number
  wireStories: number
  byRef: number
  bucket: string
  seed?: number
}): CorpusPage[] {
  const c = new Corpus(options.seed ?? 42)
  const pages: CorpusPage[] = []
  const fetchedAt = (i: number) => new Date(Date.UTC(2025, 10, 3, 8) + i * 1000).toISOString()
  const raw = (i: number, url: string, body: Record<string, unknown>) =>
    Buffer.from(
      JSON.stringify({ schemaVersion: 1, url, sourceId: `src-${i}`, fetchedAt: fetchedAt(i), ...body }),
    )
  let i = 0
  pages.push({
    key: `src-${i}`,
    kind: 'seed',
    value: raw(i, 'https://news.example.ng/politics/north-korea-arms', {
      contentType: 'text/plain',
      body: seedPage,
    }),
  })
  i++
  for (let s = 0; s < options.wireStories; s++) {
    const title = c.title()
    const paragraphs = c.paragraphs(7)
    paragraphs[0] = `LONDON (Reuters) - ${paragraphs[0]}`
    const copies = [
      {
        outlet: 'Reuters',
        host: 'www.reuters.com',
        title,
        paragraphs: [...paragraphs, '(Reporting by Jane Doe; Editing by John Roe)'],
      },
      {
        outlet: 'Daily Planet',
        host: 'dailyplanet.example',
        title: c.title(),
        paragraphs: paragraphs.slice(0, 6),
        teaser: c.title(),
      },
      {
        outlet: 'Coastal Times',
        host: 'coastaltimes.example',
        title: c.title(),
        paragraphs: paragraphs.slice(0, 5),
        teaser: c.title(),
      },
      {
        outlet: 'Metro Herald',
        host: 'metroherald.example',
        title: c.title(),
        paragraphs: [...paragraphs.slice(0, 6), 'Reuters'],
      },
    ]
    for (const copy of copies) {
      const html = articleHtml({ ...copy, publishedAt: fetchedAt(i) })
      pages.push({
        key: `src-${i}`,
        kind: 'wire',
        story: s,
        value: raw(i, `https://${copy.host}/world/story-${s}-${i}`, { contentType: 'text/html', body: html }),
      })
      i++
    }
  }
  for (let r = 0; r < options.byRef; r++, i++) {
    const key = `pages/by-ref-${r}.html`
    const body = articleHtml({
      outlet: 'Big Pages',
      title: c.title(),
      paragraphs: c.paragraphs(6),
      publishedAt: fetchedAt(i),
    })
    pages.push({
      key: `src-${i}`,
      kind: 'by-ref',
      upload: { key, body },
      value: raw(i, `https://bigpages.example/a/${r}`, {
        contentType: 'text/html',
        bodyRef: `s3://${options.bucket}/${key}`,
      }),
    })
  }
  const bad: Buffer[] = []
  for (let b = 0; b < 10; b++)
    bad.push(Buffer.from(`{"schemaVersion":1,"url":"https://broken.example/${b}",`))
  for (let b = 0; b < 5; b++)
    bad.push(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 1,
          fetchedAt: fetchedAt(0),
          contentType: 'text/html',
          body: '<p>x</p>',
        }),
      ),
    )
  for (let b = 0; b < 5; b++)
    bad.push(raw(0, `https://broken.example/png-${b}`, { contentType: 'image/png', body: 'x' }))
  for (let b = 0; b < 10; b++)
    bad.push(raw(0, `https://broken.example/empty-${b}`, { contentType: 'text/html', body: '' }))
  for (let b = 0; b < 10; b++)
    bad.push(
      raw(0, `https://broken.example/junk-${b}`, {
        contentType: 'text/html',
        body: c.bytes(4000).toString('latin1'),
      }),
    )
  for (let b = 0; b < 10; b++)
    bad.push(
      raw(0, `https://broken.example/ref-${b}`, {
        contentType: 'text/html',
        bodyRef: `s3://${options.bucket}/pages/missing-${b}.html`,
      }),
    )
  for (const value of bad) pages.push({ key: `bad-${i++}`, kind: 'bad', value })
  while (pages.length < options.total) {
    const html = articleHtml({
      outlet: 'Synthetic Post',
      title: c.title(),
      paragraphs: c.paragraphs((c.sentence().length % 4) + 4),
      byline: `${c.word()} ${c.word()}`,
      publishedAt: fetchedAt(i),
    })
    pages.push({
      key: `src-${i}`,
      kind: 'unique',
      value: raw(i, `https://synthetic.example/n/${i}`, { contentType: 'text/html', body: html }),
    })
    i++
  }
  return pages
}
