import { CopydeskError } from '@copydesk/contracts'
import { hashBody } from './body-hash.ts'
import { decodePage } from './decode-page.ts'
import { extractHtml } from './extract-html.ts'
import { extractText } from './extract-text.ts'
import { guessLanguage } from './guess-language.ts'
import { type ExtractOptions, resolveOptions } from './options.ts'
import type { ExtractedArticle, PageMetadata, RawPage } from './types.ts'
import { detectWireAgency, isCreditLine } from './wire-agency.ts'

/** Paragraphs kept at most, as the articles.extracted contract allows. */
const MAX_PARAGRAPHS = 20_000

function normalizeLanguage(lang: string | null): string | null {
  if (!lang) return null
  const tag =
    lang
      .trim()
      .replace(/_/g, '-')
      .split(/[,;\s]/)[0] ?? ''
  return tag.length <= 20 && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) ? tag : null
}

/** Resolves a canonical link that pages write relative ('/news/x') against the fetch URL. */
function resolveUrl(href: string | null, base: string | undefined): string | null {
  if (!href) return null
  try {
    return new URL(href, base).href
  } catch {
    return /^https?:\/\//i.test(href) ? href : null
  }
}

function checkDeadline(deadline: number, phase: string): void {
  if (performance.now() > deadline) {
    throw new CopydeskError('ERR_EXTRACT_TIMEOUT', `extraction exceeded its time budget during ${phase}`, {
      phase,
    })
  }
}

/**
 * Turns a raw page (HTML or a whole-page text dump) into its article: body paragraphs, title,
 * byline, date, section, language, canonical URL, wire agency and a body hash. Throws a
 * non-retryable CopydeskError for empty, oversized, binary or article-less pages.
 */
export function extractArticle(page: RawPage, options?: ExtractOptions): ExtractedArticle {
  const opts = resolveOptions(options)
  const deadline = performance.now() + opts.timeoutMs
  const { text, format } = decodePage(page, opts.maxBytes)
  let paragraphs: string[]
  let metadata: PageMetadata
  let authors: string[] = []
  let trailer: string[] = []
  if (format === 'html') {
    const html = extractHtml(text, { maxDepth: opts.maxDepth, maxElements: opts.maxElements, deadline })
    ;({ paragraphs, metadata } = html)
    authors = html.rawAuthors
    trailer = html.trailer
  } else {
    ;({ paragraphs, metadata, trailer } = extractText(text, deadline))
  }
  checkDeadline(deadline, 'extraction')
  const wireAgency =
    detectWireAgency({ paragraphs, byline: metadata.byline, authors, trailer }) ?? metadata.wireAgency
  // A closing credit line ('AFP', '— Reuters') names the agency but is not part of the story.
  while (paragraphs.length > 1 && isCreditLine(paragraphs[paragraphs.length - 1]!))
    paragraphs = paragraphs.slice(0, -1)
  if (paragraphs.length === 0)
    throw new CopydeskError('ERR_NO_ARTICLE', 'no article body found on the page', { format })
  // Bounds of the articles.extracted contract: a page past them is no article, but still gives a result.
  if (paragraphs.length > MAX_PARAGRAPHS) paragraphs = paragraphs.slice(0, MAX_PARAGRAPHS)
  return {
    title: (metadata.title ?? '').slice(0, 2000),
    paragraphs,
    byline: metadata.byline.slice(0, 50).map((name) => name.slice(0, 300)),
    publishedAt: metadata.publishedAt,
    section: metadata.section?.slice(0, 300) ?? null,
    language: normalizeLanguage(metadata.language) ?? guessLanguage(paragraphs.slice(0, 50).join(' ')),
    canonicalUrl: resolveUrl(metadata.canonicalUrl, page.url) ?? page.url ?? null,
    wireAgency,
    bodyHash: hashBody(paragraphs),
    format,
  }
}
