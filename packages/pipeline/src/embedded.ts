import {
  DedupedArticle,
  type EnrichedEvent,
  ExtractedArticle,
  type PipelineVersion,
  parseEvent,
  RawPage,
  TaggedArticle,
  toCopydeskError,
} from '@copydesk/contracts'
import type { ObjectStore } from '@copydesk/storage'
import { archiveArticle } from './archive.ts'
import type { BatchWriter } from './batch-writer.ts'
import { dedupeArticle } from './dedupe-stage.ts'
import { enrichArticle } from './enrich.ts'
import { type IngestDeps, ingestPage } from './ingest.ts'
import type { AssignCluster, FindEntities, TagTopics } from './ports.ts'

/** Everything the four stages need, in one process. */
export interface PipelineDeps {
  store: ObjectStore
  pipeline: PipelineVersion
  findEntities: FindEntities
  tagTopics: TagTopics
  assignCluster: AssignCluster
  ingest?: IngestDeps
  /** batch files of deduped articles, as the archive service writes them */
  batches?: BatchWriter
}

/** Where a record stands in its input, for batch files and dead letters. */
export interface Coordinates {
  topic: string
  partition: number
  offset: string
  timestampMs: number
}

export type ChainOutcome =
  | { ok: true; event: EnrichedEvent; recordKey: string }
  | {
      ok: false
      stage: 'ingest' | 'enrich' | 'dedupe' | 'archive'
      code: string
      message: string
      retryable: boolean
    }

/**
 * Runs the four stages on one raw page with no broker in between, validating every event at each
 * stage boundary exactly as the services do, so that the embedded mode and a replay write what the
 * services write.
 */
export async function runChain(raw: unknown, at: Coordinates, deps: PipelineDeps): Promise<ChainOutcome> {
  let stage: 'ingest' | 'enrich' | 'dedupe' | 'archive' = 'ingest'
  try {
    const page = parseEvent(RawPage, raw, 'raw page')
    const extracted = parseEvent(ExtractedArticle, await ingestPage(page, deps.ingest), 'extracted article')
    stage = 'enrich'
    const tagged = parseEvent(TaggedArticle, enrichArticle(extracted, deps), 'tagged article')
    stage = 'dedupe'
    const deduped = parseEvent(DedupedArticle, await dedupeArticle(tagged, deps), 'deduped article')
    stage = 'archive'
    const { built, event } = await archiveArticle(deduped, deps)
    await deps.batches?.add(at.topic, at.partition, at.offset, at.timestampMs, JSON.stringify(built.record))
    return { ok: true, event, recordKey: built.key }
  } catch (err) {
    const e = toCopydeskError(err)
    return { ok: false, stage, code: e.code, message: e.message, retryable: e.retryable }
  }
}
