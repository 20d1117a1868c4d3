import type { ExtractedArticle } from '@copydesk/contracts'

/** The body the entity offsets point into: the paragraphs joined by a blank line. */
export function bodyText(article: Pick<ExtractedArticle, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n')
}
