import { readHtmlMetadata } from './html-metadata.ts'
import { parseHtml } from './parse-html.ts'
import { selectArticle } from './select-article.ts'
import { trimParagraphs } from './trim-paragraphs.ts'
import type { PageMetadata } from './types.ts'

/** What the HTML path hands back: paragraphs, metadata and author strings for the wire check. */
export interface HtmlExtraction {
  paragraphs: string[]
  metadata: PageMetadata
  rawAuthors: string[]
  /** the last paragraphs of the container before trimming, where credit lines sit */
  trailer: string[]
}

/** Extracts the article of an HTML page within the parse limits and deadline. */
export function extractHtml(
  html: string,
  limits: { maxDepth: number; maxElements: number; deadline: number },
): HtmlExtraction {
  const parsed = parseHtml(html, limits)
  const { rawAuthors, ...metadata } = readHtmlMetadata(parsed)
  const selected = selectArticle(parsed.root, limits.deadline)
  let paragraphs = trimParagraphs(selected, metadata.title, metadata.byline)
  if (paragraphs.length === 0) paragraphs = selected.map((p) => p.text)
  return { paragraphs, metadata, rawAuthors, trailer: selected.slice(-3).map((p) => p.text) }
}
