import { setTimeout as delay } from 'node:timers/promises'
import { DedupedArticle, EnrichedEvent, eventTypes, topicsWithPrefix } from '@copydesk/contracts'
import { archiveArticle, recordLine } from '@copydesk/pipeline/archive'
import { BatchWriter } from '@copydesk/pipeline/batch-writer'
import { OffsetTurns } from '@copydesk/pipeline/offset-turns'
import { makePipelineVersion, versionTag } from '@copydesk/pipeline/version'
import { S3ObjectStore, s3OptionsFrom } from '@copydesk/storage'
import { createKafka, defineStage, loadConfig, runStage, type Stage } from '@copydesk/stream'
import { ArchiveConfig } from './config.ts'
import { recoverLines } from './recover-lines.ts'

const config = loadConfig(ArchiveConfig)
const store = new S3ObjectStore(s3OptionsFrom(config))
const pipeline = makePipelineVersion()
let log: Parameters<NonNullable<Stage['open']>>[0]['log'] | undefined
const batches = new BatchWriter(store, {
  maxRecords: config.BATCH_MAX_RECORDS,
  maxBytes: config.BATCH_MAX_BYTES,
  maxAgeMs: config.BATCH_MAX_AGE_MS,
  idleMs: config.BATCH_IDLE_MS,
  tag: versionTag(pipeline),
  // After a restart or a rebalance, the open block's earlier lines come back from the input topic.
  recover: recoverLines(createKafka(config), pipeline, () => log),
})
const turns = new OffsetTurns()
let timer: NodeJS.Timeout | undefined
const topics = topicsWithPrefix(config.TOPIC_PREFIX)

await runStage(
  defineStage({
    name: 'archive',
    from: { topic: topics.deduped, schema: DedupedArticle },
    to: { topic: topics.enriched, schema: EnrichedEvent, eventType: eventTypes.enriched },
    // Records start in offset order (ordered) and write their objects concurrently
    // (STREAM_CONCURRENCY); their batch-file lines go in one at a time, in offset order (turns).
    ordered: true,
    handle: async (article, ctx) => {
      const { event } = await turns.sequence(
        ctx.topic,
        ctx.partition,
        ctx.offset,
        () => archiveArticle(article, { store, pipeline }),
        ({ built }) => batches.add(ctx.topic, ctx.partition, ctx.offset, ctx.timestamp, recordLine(built)),
      )
      return { key: article.articleId, value: event }
    },
    open: async (ctx) => {
      log = ctx.log
      // The S3 client's first request sets up its signer and connection: done here, not on the
      // first record. Failing is fine (records retry until S3 answers), and a server that does not
      // answer delays the start by 2 s at most.
      const warmUp = store.head('copydesk/warm-up').then(
        () => 'answered',
        (err: Error) => err.message,
      )
      const outcome = await Promise.race([warmUp, delay(2000, 'no answer within 2 s', { ref: false })])
      if (outcome !== 'answered') ctx.log.warn({ err: outcome }, 'S3 did not answer at start')
      timer = setInterval(
        () => batches.tick().catch((err: Error) => ctx.log.warn({ err }, 'batch flush failed')),
        1000,
      )
    },
    // Partitions lost in a rebalance are forgotten (their new owner rebuilds them); a partition
    // taken over after a crash or a rebalance gets its open block rebuilt and written now, also
    // when no record of it follows.
    assigned: async ({ partitions }) => {
      batches.retain(
        topics.deduped,
        partitions.map((p) => p.partition),
      )
      await Promise.all(partitions.map((p) => batches.resume(p.topic, p.partition, p.committed)))
    },
    close: async () => {
      clearInterval(timer)
      await batches.flushAll()
      await store.close()
    },
  }),
  config,
)
