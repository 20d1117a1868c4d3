import { type ExtractedArticle, SCHEMA_VERSION, type TaggedArticle } from '@copydesk/contracts'
import type { FindEntities, TagTopics } from './ports.ts'

/** The body the entity offsets point into: the paragraphs joined by a blank line. */
export function bodyText(article: Pick<ExtractedArticle, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n')
}

/** The enrich stage: an extracted article with its entities and topics. */
export function enrichArticle(
  article: ExtractedArticle,
  deps: { findEntities: FindEntities; tagTopics: TagTopics },
): TaggedArticle {
  const body = bodyText(article)
  return {
    ...article,
    schemaVersion: SCHEMA_VERSION,
    entities: deps.findEntities(body, article.title),
    topics: deps.tagTopics(body, article.title),
  }
}
