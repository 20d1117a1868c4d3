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
 * A made-up wire story (written for this purpose) with the kinds of names the enrichers look for:
 * people, countries and their capitals, organisations, a demonym, figures and dates.
 */
const WARM_UP_STORY = [
  'GENEVA, March 3 (Copydesk) - Foreign ministers from France, Brazil and Kenya met in Geneva on',
  'Tuesday to discuss a ceasefire plan backed by the United Nations, officials said. Maria Okafor,',
  "Kenya's foreign minister, told reporters the talks had been constructive but that Nairobi",
  'wanted guarantees before it would commit troops. French President Jean Moreau said Paris was',
  'ready to fund the mission, while Brazilian diplomats pressed for a timetable. The World Health',
  'Organization warned that aid convoys had been blocked for three weeks. Shares of Nordwind',
  'Energy fell 4.2 percent in Frankfurt after the company said its pipeline through the region',
  'would stay closed. Analysts at Deutsche Bank expect the closure to cost the group 120 million',
  'euros this quarter. In London, Prime Minister Alan Hughes said Britain would host the next round',
  'of talks in April. Moreau and Okafor are due to meet again in Paris next week, a spokesman for',
  'the French foreign ministry said. Meanwhile the European Union pledged 50 million euros in',
  'emergency aid, and the International Committee of the Red Cross said it had reached two towns',
  'near the border for the first time since January. Football fans in Rio de Janeiro protested',
  'against ticket prices before the cup final, police said.',
].join(' ')

/**
 * Loads the entity and topic models now, so that a missing or corrupt model stops a service at
 * start-up instead of failing (and dead-lettering) every record it handles. Then runs both on a
 * made-up story for up to `budgetMs` (200 runs take ~300 ms), so that their code is compiled and
 * optimised before the first record rather than on it. At 177 pages/s the enrich hop's median
 * latency in a service's first 2 s was 490 ms in a run without it and 151-399 ms in eight with it
 * (about 100 ms once settled).
 */
export function warmUpEnrichers(budgetMs = 400): void {
  findEntities('Warm-up text naming Paris and the United Nations.', 'Warm-up')
  tagArticleTopics('Warm-up text about elections and football.', 'Warm-up')
  const end = performance.now() + budgetMs
  for (let i = 0; i < 200 && performance.now() < end; i++) {
    // A different number each time, so no cache of the enrichers' answers makes the work vanish.
    const story = `${WARM_UP_STORY} Story ${i}.`
    findEntities(story, 'Ministers meet in Geneva')
    tagArticleTopics(story, 'Ministers meet in Geneva')
  }
}
