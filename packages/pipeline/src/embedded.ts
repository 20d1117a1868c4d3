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
import { buildRecord, recordLine, writeRecord } from './archive.ts'
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
  return (await startChain(raw, at, deps)).settled
}

/**
 * Runs the stages up to the record's write and returns with the write in flight, so that a caller
 * can overlap the object-store round trips of several pages (a replay) while the stages themselves
 * still run one page at a time, in input order (dedupe state and batch files depend on that order).
 * `settled` gives the event only once the record is durable.
 */
export async function startChain(
  raw: unknown,
  at: Coordinates,
  deps: PipelineDeps,
): Promise<{ settled: Promise<ChainOutcome> }> {
  let stage: 'ingest' | 'enrich' | 'dedupe' | 'archive' = 'ingest'
  const fail = (err: unknown): ChainOutcome => {
    const e = toCopydeskError(err)
    return { ok: false, stage, code: e.code, message: e.message, retryable: e.retryable }
  }
  try {
    const page = parseEvent(RawPage, raw, 'raw page')
    const extracted = parseEvent(ExtractedArticle, await ingestPage(page, deps.ingest), 'extracted article')
    stage = 'enrich'
    const tagged = parseEvent(TaggedArticle, enrichArticle(extracted, deps), 'tagged article')
    stage = 'dedupe'
    const deduped = parseEvent(DedupedArticle, await dedupeArticle(tagged, deps), 'deduped article')
    stage = 'archive'
    const built = buildRecord(deduped, deps.pipeline)
    await deps.batches?.add(at.topic, at.partition, at.offset, at.timestampMs, recordLine(built))
    const settled = writeRecord(built, deps.store).then(
      (event): ChainOutcome => ({ ok: true, event, recordKey: built.key }),
      fail,
    )
    return { settled }
  } catch (err) {
    return { settled: Promise.resolve(fail(err)) }
  }
}
