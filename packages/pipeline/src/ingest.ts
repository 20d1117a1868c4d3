import {
  articleIdFor,
  CopydeskError,
  canonicalizeUrl,
  type ExtractedArticle,
  type RawPage,
  SCHEMA_VERSION,
} from '@copydesk/contracts'
import { type ExtractOptions, extractArticle } from '@copydesk/extract'
import { parseS3Uri } from '@copydesk/storage'

/** Reads a page stored by reference (claim check); must refuse more than maxBytes. */
export type FetchBodyRef = (bucket: string, key: string, maxBytes: number) => Promise<Buffer>

export interface IngestDeps {
  /** where pages sent by reference are read from; without it a bodyRef is ERR_BODY_REF */
  fetchBodyRef?: FetchBodyRef
  /** largest page read by reference, in bytes */
  maxRefBytes?: number
  extract?: ExtractOptions
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return ''
  }
}

/**
 * The canonical URL that names the article. A page's own rel=canonical counts only on its own
 * site: syndicated copies often point at the agency's original, and taking that would give every
 * outlet's copy one id, so that their records overwrite each other.
 */
export function chooseCanonicalUrl(fetchUrl: string, declared: string | null): string {
  if (declared && hostOf(declared) !== '' && hostOf(declared) === hostOf(fetchUrl))
    return canonicalizeUrl(declared)
  return canonicalizeUrl(fetchUrl)
}

/** The ingest stage: a raw page (inline or by reference) to its extracted article. */
export async function ingestPage(page: RawPage, deps: IngestDeps = {}): Promise<ExtractedArticle> {
  let body: string | Buffer
  if (page.body !== undefined) {
    body = page.body
  } else {
    const { bucket, key } = parseS3Uri(page.bodyRef!)
    if (!deps.fetchBodyRef)
      throw new CopydeskError('ERR_BODY_REF', `no object store to read ${page.bodyRef} from`)
    body = await deps.fetchBodyRef(bucket, key, deps.maxRefBytes ?? 50 * 1024 * 1024)
  }
  const article = extractArticle({ body, contentType: page.contentType, url: page.url }, deps.extract)
  const canonicalUrl = chooseCanonicalUrl(page.url, article.canonicalUrl)
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: articleIdFor(canonicalUrl),
    url: page.url,
    canonicalUrl,
    ...(page.source ? { source: page.source } : {}),
    fetchedAt: page.fetchedAt,
    title: article.title,
    paragraphs: article.paragraphs,
    byline: article.byline,
    publishedAt: article.publishedAt,
    section: article.section,
    language: article.language,
    wireAgency: article.wireAgency,
    bodyHash: article.bodyHash,
    format: article.format,
  }
}
