import { type Entity, type ExtractedArticle, SCHEMA_VERSION, type TaggedArticle } from '@copydesk/contracts'
import { extractEntities } from '@copydesk/entities'
import { tagTopics } from '@copydesk/topics'
import { bodyText } from './body-text.ts'
import type { FindEntities, TagTopics } from './ports.ts'

// The enrich service imports this module alone (`@copydesk/pipeline/enrich`; each service imports its own modules): it needs neither the
// S3 client nor the extractor nor the dedupe state, and their code would only take memory.

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

/** The entity finder of @copydesk/entities, in the shape of the contract (mentions grouped per entity). */
export const findEntities: FindEntities = (body, title) => {
  const { mentions, entities } = extractEntities(body, { title })
  const byId = new Map<string, Entity['mentions']>()
  for (const m of mentions) {
    const list = byId.get(m.id) ?? []
    list.push({ start: m.start, end: m.end, text: m.text })
    byId.set(m.id, list)
  }
  return entities.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    countryCode: e.type === 'country' ? e.id : (e.country ?? null),
    mentionCount: e.mentions,
    salience: Math.min(1, Math.max(0, Math.round(e.salience * 1e4) / 1e4)),
    mentions: byId.get(e.id) ?? [],
  }))
}

/** The IPTC Media Topics tagger of @copydesk/topics. */
export const tagArticleTopics: TagTopics = (body, title) =>
  tagTopics({ text: body, title }).map((t) => ({
    code: t.code,
    label: t.label,
    score: Math.round(t.score * 1e4) / 1e4,
  }))

/**
 * Loads the entity and topic models now, so that a missing or corrupt model stops a service at
 * start-up instead of failing (and dead-lettering) every record it handles.
 */
export function warmUpEnrichers(): void {
  findEntities('Warm-up text naming Paris and the United Nations.', 'Warm-up')
  tagArticleTopics('Warm-up text about elections and football.', 'Warm-up')
}
