/** A raw page as the raw-page contract carries it: HTML or a whole-page text dump. */
export interface RawPage {
  body: string | Uint8Array
  /** e.g. 'text/html; charset=utf-8' or 'text/plain'; sniffed from the body when absent */
  contentType?: string | undefined
  url?: string | undefined
}

export const PageFormat = { html: 'html', text: 'text' } as const
export type PageFormat = (typeof PageFormat)[keyof typeof PageFormat]

/** The article taken from one page. */
export interface ExtractedArticle {
  title: string
  /** the body, one entry per paragraph, without navigation, teasers or captions */
  paragraphs: string[]
  /** author names, in page order */
  byline: string[]
  /** ISO 8601, with the page's UTC offset where the page gives one */
  publishedAt: string | null
  section: string | null
  /** BCP 47 tag as the page declares it, e.g. 'en' or 'en-GB' */
  language: string | null
  canonicalUrl: string | null
  /** the wire agency credited, by its usual short name ('AFP', 'Reuters', 'AP', …) */
  wireAgency: string | null
  /** sha256 (hex) of the normalised body, for exact dedupe */
  bodyHash: string
  format: PageFormat
}

/** Metadata found around the body: JSON-LD, OpenGraph and meta tags, or lines of a text dump. */
export interface PageMetadata {
  title: string | null
  byline: string[]
  publishedAt: string | null
  section: string | null
  language: string | null
  canonicalUrl: string | null
  /** agency named by the page's metadata (author or publisher field) */
  wireAgency: string | null
}
