import { decodeEntities } from './decode-entities.ts'
import { getText } from './html-blocks.ts'
import { type JsonLdArticle, readJsonLdArticle } from './json-ld.ts'
import { normalizeDate } from './normalize-date.ts'
import { parseByline } from './parse-byline.ts'
import type { HtmlElement, ParsedHtml } from './parse-html.ts'
import type { PageMetadata } from './types.ts'

const BYLINE_HINT = /\b(?:byline|author|writer|by-line|contributor)\b|author-name|byline/i
const DATE_KEYS = [
  'article:published_time',
  'datepublished',
  'og:article:published_time',
  'publishdate',
  'pubdate',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
]

function metaValue(parsed: ParsedHtml, ...keys: string[]): string | null {
  for (const key of keys) {
    const hit = parsed.metas.find((m) => m.key === key && m.content.trim())
    if (hit) return hit.content.trim()
  }
  return null
}

/** Names that point at the author's name itself rather than a box around it. */
const NAME_HINT = /author[-_]?name|byline[-_]?name|name[-_]?author|\bauthor\b.*\bname\b|^author$/i
const MAX_BYLINE_CANDIDATES = 30

/** Finds byline and `<time>` elements in the body: one walk, most specific byline element first. */
function scanBody(root: HtmlElement): { byline: string[]; time: string | null } {
  const candidates: Array<{ el: HtmlElement; specific: boolean }> = []
  let time: string | null = null
  const stack: HtmlElement[] = [root]
  while (stack.length > 0 && (candidates.length < MAX_BYLINE_CANDIDATES || time === null)) {
    const el = stack.pop()!
    const hint = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''} ${el.attrs.rel ?? ''} ${el.attrs.itemprop ?? ''}`
    if (candidates.length < MAX_BYLINE_CANDIDATES && BYLINE_HINT.test(hint) && !/comment/i.test(hint)) {
      candidates.push({ el, specific: el.attrs.rel === 'author' || NAME_HINT.test(hint) })
    }
    if (time === null && el.tag === 'time') time = normalizeDate(el.attrs.datetime ?? getText(el))
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]
      if (child !== undefined && typeof child !== 'string') stack.push(child)
    }
  }
  const ordered = [...candidates.filter((c) => c.specific), ...candidates.filter((c) => !c.specific)]
  for (const { el } of ordered) {
    const text = getText(el)
    if (text.length <= 2 || text.length >= 120) continue
    const names = parseByline(text)
    if (names.length > 0) return { byline: names, time }
  }
  return { byline: [], time }
}

function decodeOrNull(value: string | null): string | null {
  return value === null ? null : decodeEntities(value).trim() || null
}

function cleanTitle(title: string, siteName: string | null): string {
  let t = decodeEntities(title).replace(/\s+/g, ' ').trim()
  if (siteName && t.endsWith(siteName)) t = t.slice(0, -siteName.length).replace(/\s*[-|–—:·]\s*$/, '')
  // 'Headline | Site' or 'Headline - Site': keep the headline when the rest is short.
  const parts = t.split(/\s+[|–—]\s+|\s+-\s+/)
  if (parts.length > 1 && parts[0]!.split(' ').length >= 4) return parts[0]!
  return t
}

function readAuthors(parsed: ParsedHtml, ld: JsonLdArticle | null): string[] {
  const raw = [...(ld?.authors ?? [])]
  const metaAuthor = metaValue(
    parsed,
    'author',
    'article:author',
    'dc.creator',
    'byl',
    'sailthru.author',
    'parsely-author',
  )
  if (raw.length === 0 && metaAuthor && !/^https?:/i.test(metaAuthor)) raw.push(metaAuthor)
  return raw
}

/** Metadata of an HTML page from JSON-LD, OpenGraph and meta tags, then from the body itself. */
export function readHtmlMetadata(parsed: ParsedHtml): PageMetadata & { rawAuthors: string[] } {
  const ld = readJsonLdArticle(parsed.jsonLd)
  const siteName = metaValue(parsed, 'og:site_name', 'application-name')
  const rawAuthors = readAuthors(parsed, ld)
  const body = scanBody(parsed.root)
  let byline = rawAuthors.flatMap(parseByline)
  if (byline.length === 0) byline = body.byline
  const title =
    ld?.headline ?? metaValue(parsed, 'og:title', 'twitter:title', 'headline') ?? (parsed.title || null)
  const canonical = parsed.links.find((l) => l.rel.split(/\s+/).includes('canonical'))?.href ?? null
  return {
    title: title ? cleanTitle(title, siteName) : null,
    byline,
    publishedAt: normalizeDate(ld?.datePublished ?? metaValue(parsed, ...DATE_KEYS)) ?? body.time,
    section: decodeOrNull(
      ld?.section ?? metaValue(parsed, 'article:section', 'section', 'og:article:section', 'parsely-section'),
    ),
    language: parsed.lang ?? ld?.language ?? metaValue(parsed, 'content-language', 'og:locale', 'language'),
    canonicalUrl: canonical ?? metaValue(parsed, 'og:url') ?? ld?.url ?? null,
    wireAgency: null,
    rawAuthors,
  }
}
