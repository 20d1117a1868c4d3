import { z } from 'zod'

/** Current version of every payload; a breaking change is a new topic, never a silent change. */
export const SCHEMA_VERSION = 1 as const

const schemaVersion = z.literal(SCHEMA_VERSION).describe('payload schema version')
const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset or Z')
const articleId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits (articleIdFor(canonicalUrl))')
  .describe('stable id of the article: sha256 of its canonical URL, 32 hex digits')
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest')
const s3Uri = z
  .string()
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/, 'must be an s3://bucket/key URI')

/** Which code and data made an event: the package version and each model or gazetteer version. */
export const PipelineVersion = z
  .object({
    version: z.string().min(1).describe('copydesk pipeline version'),
    components: z.record(z.string(), z.string()).describe('versions of models and gazetteers, by name'),
  })
  .describe('the pipeline version that made this event')
export type PipelineVersion = z.infer<typeof PipelineVersion>

/** A raw page from a scraper (topic articles.raw): the body inline, or by reference when too large for Kafka. */
export const RawPage = z
  .object({
    schemaVersion,
    url: z.url({ protocol: /^https?$/ }).describe('the URL the page was fetched from'),
    sourceId: z.string().min(1).max(512).optional().describe("the scraper's own id for the page"),
    source: z.string().min(1).max(200).optional().describe('the outlet or feed name'),
    fetchedAt: isoDateTime.describe('when the scraper fetched the page'),
    contentType: z
      .string()
      .regex(
        /^(text\/html|text\/plain|application\/xhtml\+xml)(\s*;.*)?$/i,
        'must be text/html or text/plain (with optional parameters)',
      )
      .describe('media type of the body: text/html, or text/plain for a whole-page text dump'),
    body: z.string().optional().describe('the page itself'),
    bodyRef: s3Uri
      .optional()
      .describe('claim check: where the page is stored when too large for a Kafka message'),
  })
  .superRefine((page, ctx) => {
    if ((page.body === undefined) === (page.bodyRef === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'exactly one of body and bodyRef must be set' })
    }
  })
  .describe('a raw news page as scraped; exactly one of body and bodyRef is set')
export type RawPage = z.infer<typeof RawPage>

export const WireAgency = z.string().min(1).max(40).describe('wire agency credited, e.g. AFP, Reuters, AP')

/** The article taken out of its page (topic articles.extracted), keyed by articleId. */
export const ExtractedArticle = z
  .object({
    schemaVersion,
    articleId,
    url: z.string().describe('the URL the page was fetched from'),
    canonicalUrl: z
      .string()
      .describe('canonical URL (the page’s own link rel=canonical or og:url, else the fetch URL)'),
    source: z.string().optional(),
    fetchedAt: isoDateTime,
    title: z.string().max(2000).describe('headline'),
    paragraphs: z.array(z.string()).max(20_000).describe('the article body, one string per paragraph'),
    byline: z.array(z.string().max(300)).max(50).describe('authors'),
    publishedAt: z
      .string()
      .nullable()
      .describe('publication date, ISO 8601, with the page’s time zone where given'),
    section: z.string().max(300).nullable(),
    language: z.string().max(20).nullable().describe('BCP 47 language tag'),
    wireAgency: WireAgency.nullable(),
    bodyHash: hash.describe('sha256 of the normalised body, for exact dedupe'),
    format: z.enum(['html', 'text']).describe('what the raw page was'),
  })
  .describe('an article extracted from a raw page')
export type ExtractedArticle = z.infer<typeof ExtractedArticle>

export const EntityType = z.enum(['person', 'organisation', 'country', 'location'])
export type EntityType = z.infer<typeof EntityType>

/** One real-world thing the article names, with every mention's offsets into the body. */
export const Entity = z.object({
  id: z.string().min(1).describe('ISO 3166-1 alpha-2 for countries, a stable slug otherwise'),
  type: EntityType,
  name: z.string().min(1).describe('canonical name'),
  countryCode: z
    .string()
    .length(2)
    .nullable()
    .describe('the country a location or organisation belongs to, where known'),
  mentionCount: z.number().int().nonnegative(),
  salience: z.number().min(0).max(1),
  mentions: z
    .array(
      z.object({
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        text: z.string(),
      }),
    )
    .describe('offsets into the body: paragraphs joined by "\\n\\n"'),
})
export type Entity = z.infer<typeof Entity>

export const Topic = z.object({
  code: z.string().regex(/^medtop:\d{8}$/, 'must be an IPTC Media Topic qcode medtop:NNNNNNNN'),
  label: z.string(),
  score: z.number().min(0).max(1),
})
export type Topic = z.infer<typeof Topic>

/** The article with its entities and topics (topic articles.tagged). */
export const TaggedArticle = ExtractedArticle.extend({
  entities: z.array(Entity),
  topics: z.array(Topic).describe('IPTC Media Topics, by score descending'),
}).describe('an extracted article with entities and topics')
export type TaggedArticle = z.infer<typeof TaggedArticle>

export const DedupeKind = z.enum(['unique', 'exact', 'near'])
export type DedupeKind = z.infer<typeof DedupeKind>

export const DedupeResult = z.object({
  clusterId: z.string().min(1).describe('stable id of the wire-copy cluster'),
  duplicateOf: z
    .string()
    .nullable()
    .describe('articleId of the cluster’s canonical article, or null if this is it'),
  kind: DedupeKind,
  similarity: z.number().min(0).max(1),
})
export type DedupeResult = z.infer<typeof DedupeResult>

/** The tagged article with its place in a wire-copy cluster (topic articles.deduped). */
export const DedupedArticle = TaggedArticle.extend({ dedupe: DedupeResult }).describe(
  'a tagged article with its cluster',
)
export type DedupedArticle = z.infer<typeof DedupedArticle>

/** The object stored per article version at articles/v1/<yyyy>/<mm>/<dd>/<articleId>/<contentHash>.json. */
export const StoredRecord = DedupedArticle.extend({
  contentHash: hash.describe('sha256 of the record without this field: names the object'),
  pipeline: PipelineVersion,
}).describe('the enriched article record stored in object storage')
export type StoredRecord = z.infer<typeof StoredRecord>

/** One event per stored record (topic articles.enriched), for the search indexers. */
export const EnrichedEvent = z
  .object({
    schemaVersion,
    articleId,
    url: z.string(),
    canonicalUrl: z.string(),
    title: z.string(),
    publishedAt: z.string().nullable(),
    language: z.string().nullable(),
    wireAgency: WireAgency.nullable(),
    record: z.object({
      uri: z
        .string()
        .regex(
          /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/|file:\/\/\/).+/,
          'must be an s3:// or file:/// URI',
        )
        .describe('where the full record is stored: s3://bucket/key, or file:/// in the embedded mode'),
      etag: z.string(),
      size: z.number().int().nonnegative(),
      contentHash: hash,
    }),
    entities: z.array(
      Entity.pick({
        id: true,
        type: true,
        name: true,
        countryCode: true,
        salience: true,
        mentionCount: true,
      }),
    ),
    topics: z.array(Topic),
    dedupe: DedupeResult,
    pipeline: PipelineVersion,
  })
  .describe('an enriched article stored in object storage, for indexers')
export type EnrichedEvent = z.infer<typeof EnrichedEvent>

/** Every event schema by name, for JSON Schema export and generic tools. */
export const eventSchemas = {
  'raw-page': RawPage,
  'extracted-article': ExtractedArticle,
  'tagged-article': TaggedArticle,
  'deduped-article': DedupedArticle,
  'stored-record': StoredRecord,
  'enriched-event': EnrichedEvent,
} as const
