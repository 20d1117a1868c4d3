import { createHash } from 'node:crypto'
import {
  DedupedArticle,
  decodeEvent,
  type EnrichedEvent,
  type PipelineVersion,
  SCHEMA_VERSION,
  type StoredRecord,
} from '@copydesk/contracts'
import { type ObjectStore, recordKey } from '@copydesk/storage'

/** The stored record of an article version, its object key and its exact bytes. */
export interface BuiltRecord {
  record: StoredRecord
  key: string
  bytes: Buffer
}

/**
 * Builds the record deterministically: the same article and pipeline version give the same bytes,
 * so the content hash, the key and the object are the same on every retry and every replay.
 */
export function buildRecord(article: DedupedArticle, pipeline: PipelineVersion): BuiltRecord {
  const withoutHash = { ...article, pipeline }
  const contentHash = createHash('sha256').update(JSON.stringify(withoutHash)).digest('hex')
  const record: StoredRecord = { ...article, contentHash, pipeline }
  return {
    record,
    key: recordKey(article.articleId, contentHash, article.fetchedAt),
    bytes: Buffer.from(`${JSON.stringify(record)}\n`, 'utf8'),
  }
}

/** The record as one batch-file line: its stored bytes without the final newline (no second stringify). */
export function recordLine(built: BuiltRecord): string {
  return built.bytes.toString('utf8', 0, built.bytes.length - 1)
}

/**
 * The batch-file line the archive wrote for an input record, rebuilt from the record's bytes (after
 * a restart or a rebalance): records are built deterministically, so it is the same line. `null` for
 * a record that is not a valid article: it was dead-lettered, not archived.
 */
export function rebuildLine(value: Buffer | null, pipeline: PipelineVersion): string | null {
  let article: DedupedArticle
  try {
    article = decodeEvent(DedupedArticle, value)
  } catch {
    return null
  }
  return recordLine(buildRecord(article, pipeline))
}

/** The event for the indexers: what they facet on, and where the full record is. */
export function buildEnrichedEvent(
  built: BuiltRecord,
  stored: { uri: string; etag: string; size: number },
): EnrichedEvent {
  const { record } = built
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: record.articleId,
    url: record.url,
    canonicalUrl: record.canonicalUrl,
    title: record.title,
    publishedAt: record.publishedAt,
    language: record.language,
    wireAgency: record.wireAgency,
    record: { uri: stored.uri, etag: stored.etag, size: stored.size, contentHash: record.contentHash },
    entities: record.entities.map(({ id, type, name, countryCode, salience, mentionCount }) => ({
      id,
      type,
      name,
      countryCode,
      salience,
      mentionCount,
    })),
    topics: record.topics,
    dedupe: record.dedupe,
    pipeline: record.pipeline,
  }
}

/** Writes a built record; only once it is durable does its event exist. */
export async function writeRecord(built: BuiltRecord, store: ObjectStore): Promise<EnrichedEvent> {
  const stored = await store.put(built.key, built.bytes, { contentType: 'application/json' })
  if (!stored) throw new Error(`unreachable: unconditional put of ${built.key} returned no object`)
  return buildEnrichedEvent(built, stored)
}

/** The archive stage: builds the record, writes it, and returns its event. */
export async function archiveArticle(
  article: DedupedArticle,
  deps: { store: ObjectStore; pipeline: PipelineVersion },
): Promise<{ built: BuiltRecord; event: EnrichedEvent }> {
  const built = buildRecord(article, deps.pipeline)
  return { built, event: await writeRecord(built, deps.store) }
}
