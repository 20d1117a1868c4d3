import { readHtmlMetadata } from './html-metadata.ts'
import { limitNesting } from './limit-nesting.ts'
import { parseHtml } from './parse-html.ts'
import { selectArticle } from './select-article.ts'
import type { PageMetadata } from './types.ts'

/** Tag nesting kept for the parser; real pages stay far below it, unclosed <p> and <li> included. */
const MAX_RAW_DEPTH = 1500

/** What the HTML path hands back: paragraphs, metadata and author strings for the wire check. */
export interface HtmlExtraction {
  paragraphs: string[]
  metadata: PageMetadata
  rawAuthors: string[]
}

/** Extracts the article of an HTML page within the parse limits and deadline. */
export function extractHtml(
  html: string,
  limits: { maxDepth: number; maxElements: number; deadline: number },
): HtmlExtraction {
  const parsed = parseHtml(limitNesting(html, MAX_RAW_DEPTH), limits)
  const { rawAuthors, articleBody, ...metadata } = readHtmlMetadata(parsed)
  let paragraphs = selectArticle(parsed.root, limits.deadline)
  const title = metadata.title
  // The headline and the byline often sit inside the chosen container; they are not body text.
  if (title) {
    const norm = (s: string): string => s.toLowerCase().replace(/\W+/g, ' ').trim()
    const t = norm(title)
    paragraphs = paragraphs.filter((p, i) => i > 3 || norm(p) !== t)
  }
  void articleBody
  return { paragraphs, metadata, rawAuthors }
}
