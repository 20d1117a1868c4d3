/** Topic names of the pipeline; a breaking schema change gets a new topic (`….v2`), never a silent one. */
export const topics = {
  raw: 'articles.raw',
  extracted: 'articles.extracted',
  tagged: 'articles.tagged',
  deduped: 'articles.deduped',
  enriched: 'articles.enriched',
} as const

export type TopicName = (typeof topics)[keyof typeof topics]

/**
 * The topic names under a prefix (TOPIC_PREFIX), so that several pipelines can share a cluster:
 * `topicsWithPrefix('staging.').raw` is `staging.articles.raw`.
 */
export function topicsWithPrefix(prefix = ''): { [K in keyof typeof topics]: string } {
  return Object.fromEntries(Object.entries(topics).map(([k, v]) => [k, `${prefix}${v}`])) as {
    [K in keyof typeof topics]: string
  }
}

/** The dead-letter topic of an input topic. */
export function dlqTopic(topic: string): string {
  return `${topic}.dlq`
}

/** How a topic is created: partitions, retention and cleanup (see infra/topics). */
export interface TopicDefinition {
  name: string
  partitions: number
  /** milliseconds; -1 keeps forever */
  retentionMs: number
  cleanupPolicy: 'delete' | 'compact'
  description: string
}

const DAY = 24 * 60 * 60 * 1000

/**
 * Every topic copydesk reads or writes. Main topics share one partition count so that an article
 * keyed by its id lands on the same partition number from stage to stage. Dead letters keep 30
 * days: long enough for someone to look at them and redrive.
 */
export const topicDefinitions: readonly TopicDefinition[] = [
  {
    name: topics.raw,
    partitions: 6,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    description: 'raw pages from scrapers',
  },
  {
    name: topics.extracted,
    partitions: 6,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    description: 'article body and metadata',
  },
  {
    name: topics.tagged,
    partitions: 6,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    description: 'with entities and topics',
  },
  {
    name: topics.deduped,
    partitions: 6,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    description: 'with the wire-copy cluster',
  },
  // Indexers upsert by article id, so the latest event per key is all a late reader needs.
  {
    name: topics.enriched,
    partitions: 6,
    retentionMs: -1,
    cleanupPolicy: 'compact',
    description: 'one event per stored record',
  },
  ...[topics.raw, topics.extracted, topics.tagged, topics.deduped].map(
    (name): TopicDefinition => ({
      name: dlqTopic(name),
      partitions: 1,
      retentionMs: 30 * DAY,
      cleanupPolicy: 'delete',
      description: `records of ${name} that could not be processed, with the reason in headers`,
    }),
  ),
]

/** CloudEvents Kafka binding headers (binary mode) carried by every event copydesk produces. */
export const cloudEventHeaders = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specVersion: 'ce_specversion',
  contentType: 'content-type',
} as const

/** The `ce_type` of each event. */
export const eventTypes = {
  raw: 'dev.copydesk.article.raw.v1',
  extracted: 'dev.copydesk.article.extracted.v1',
  tagged: 'dev.copydesk.article.tagged.v1',
  deduped: 'dev.copydesk.article.deduped.v1',
  enriched: 'dev.copydesk.article.enriched.v1',
} as const
