import type { Entity } from '@copydesk/contracts'
import { createDeduper, type DedupeOptionsInput, type DedupeStore, MemoryStore } from '@copydesk/dedupe'
import { extractEntities } from '@copydesk/entities'
import { tagTopics } from '@copydesk/topics'
import type { AssignCluster, FindEntities, TagTopics } from './ports.ts'

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

/** A cluster assigner over a dedupe store (in memory by default). */
export function createAssignCluster(
  store: DedupeStore = new MemoryStore(),
  options: DedupeOptionsInput = {},
): AssignCluster & { close: () => Promise<void> } {
  const deduper = createDeduper(store, options)
  const assign = (async (input) => {
    const result = await deduper.assign({
      articleId: input.articleId,
      text: input.text,
      title: input.title,
      ts: input.ts,
      ...(input.wireAgency ? { wireAgency: input.wireAgency } : {}),
      agencyOriginal: input.agencyOriginal ?? false,
    })
    return {
      clusterId: result.clusterId,
      duplicateOf: result.duplicateOf,
      kind: result.kind,
      similarity: result.similarity,
    }
  }) as AssignCluster & { close: () => Promise<void> }
  assign.close = () => store.close()
  return assign
}

/**
 * Loads the entity and topic models now, so that a missing or corrupt model stops a service at
 * start-up instead of failing (and dead-lettering) every record it handles.
 */
export function warmUpEnrichers(): void {
  findEntities('Warm-up text naming Paris and the United Nations.', 'Warm-up')
  tagArticleTopics('Warm-up text about elections and football.', 'Warm-up')
}
