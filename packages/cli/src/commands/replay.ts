import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { EnrichedEvent, eventTypes, topics } from '@copydesk/contracts'
import { MemoryStore, RedisStore } from '@copydesk/dedupe'
import {
  BatchWriter,
  type ChainOutcome,
  createAssignCluster,
  findEntities,
  makePipelineVersion,
  type PipelineDeps,
  startChain,
  tagArticleTopics,
  versionTag,
} from '@copydesk/pipeline'
import {
  LocalFolderStore,
  type ObjectStore,
  S3EnvFields,
  S3ObjectStore,
  s3OptionsFrom,
} from '@copydesk/storage'
import { createJsonProducer, loadConfig, planRange, type RangeBound, readRange } from '@copydesk/stream'
import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { z } from 'zod'
import { ExitCode } from '../exit-codes.ts'
import {
  connectKafka,
  type KafkaCliOptions,
  parsePartitions,
  parseTime,
  withBrokers,
} from '../kafka-connection.ts'

interface ReplayOptions extends KafkaCliOptions {
  topic: string
  partitions?: string
  from?: string
  to?: string
  s3Bucket?: string
  out?: string
  targetTopic?: string
  redisUrl?: string
  dedupePrefix: string
  rate?: number
  checkpoint: string
  resume?: boolean
  dryRun?: boolean
  progress: boolean
}

interface Checkpoint {
  topic: string
  pipeline: string
  next: Record<string, string>
  end: Record<string, string>
}

/** "123" is an offset, anything else a time (ISO 8601, epoch ms, 2h ago). */
function parseBound(value: string): RangeBound {
  return /^\d{1,11}$/.test(value) ? { offset: value } : { timestamp: parseTime(value) }
}

function storeFor(opts: ReplayOptions): ObjectStore {
  if (opts.s3Bucket) {
    // The same S3_* variables as the services, validated the same way.
    const env = loadConfig(z.object(S3EnvFields), { ...process.env, S3_BUCKET: opts.s3Bucket })
    return new S3ObjectStore(s3OptionsFrom(env))
  }
  return new LocalFolderStore(opts.out ?? 'copydesk-replay')
}

/** `copydesk replay`: re-run the pipeline over a range of articles.raw, in process, for backfills. */
export function registerReplayCommand(program: Command): void {
  withBrokers(program.command('replay'))
    .summary('re-run the pipeline over a range of raw pages (backfill)')
    .description(
      'Reads a range of a raw-page topic with its own throw-away consumer group (running services are not\n' +
        'disturbed), runs ingest, enrich, dedupe and archive in this process, and writes the records to S3 (or a\n' +
        'folder) and, optionally, the enriched events to a topic. Records are deterministic: the same input and\n' +
        'pipeline version give byte-identical objects under the same keys, so a replay overwrites. Progress is\n' +
        'checkpointed after every batch; Ctrl-C stops cleanly and --resume continues where it stopped.',
    )
    .option('-t, --topic <topic>', 'raw-page topic to read', topics.raw)
    .option('-p, --partitions <list>', 'partitions to read, e.g. 0,1 (default: all)')
    .option(
      '--from <offset|time>',
      'start: an offset, or a time (ISO 8601, epoch ms, 2h ago) (default: earliest)',
    )
    .option(
      '--to <offset|time>',
      'end, exclusive: an offset or a time (default: the end when the replay starts)',
    )
    .option(
      '--s3-bucket <bucket>',
      'write records to this bucket (S3_ENDPOINT, S3_ACCESS_KEY_ID… from the environment)',
    )
    .option('-o, --out <dir>', 'write records to this folder instead of S3')
    .option(
      '--target-topic <topic>',
      `also produce the enriched events to this topic (e.g. ${topics.enriched})`,
    )
    .option(
      '--redis-url <url>',
      'dedupe state shared with the services (same answers as they gave); default: in memory',
    )
    .option(
      '--dedupe-prefix <prefix>',
      'Redis key prefix of that state, as the dedupe service’s DEDUPE_KEY_PREFIX',
      'copydesk:dedupe',
    )
    .option('--rate <n>', 'at most this many pages per second', (v) => Number(v))
    .option('--checkpoint <file>', 'where progress is kept', '.copydesk-replay.json')
    .option('--resume', 'continue from the checkpoint file')
    .option('--dry-run', 'say what would be read and written, and stop')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      '\nExamples:\n  copydesk replay -p 0,1 --from 2025-11-01T00:00:00Z --to 2025-11-02T00:00:00Z --s3-bucket copydesk --dry-run\n  copydesk replay --s3-bucket copydesk --redis-url redis://localhost:6379 --rate 200\n  copydesk replay --resume',
    )
    .action(async (opts: ReplayOptions) => {
      process.exitCode = await replay(opts)
    })
}

async function replay(opts: ReplayOptions): Promise<ExitCode> {
  const kafka = connectKafka(opts)
  const pipeline = makePipelineVersion()
  const pipelineId = JSON.stringify(pipeline)
  let from: ReadonlyMap<number, string> | RangeBound | undefined = opts.from
    ? parseBound(opts.from)
    : undefined
  const to: RangeBound | undefined = opts.to ? parseBound(opts.to) : undefined
  let partitions = opts.partitions ? parsePartitions(opts.partitions) : undefined
  if (opts.resume) {
    if (!existsSync(opts.checkpoint))
      throw new Error(`no checkpoint at ${opts.checkpoint}: start without --resume`)
    const cp = JSON.parse(readFileSync(opts.checkpoint, 'utf8')) as Checkpoint
    if (cp.topic !== opts.topic) throw new Error(`the checkpoint is for topic ${cp.topic}, not ${opts.topic}`)
    if (cp.pipeline !== pipelineId)
      process.stderr.write('copydesk replay: warning: the pipeline version changed since the checkpoint\n')
    from = new Map(Object.entries(cp.next).map(([p, o]) => [Number(p), o]))
    partitions = Object.keys(cp.end).map(Number)
    // Each partition ends where the checkpoint says: the range of the original replay.
    const ends = new Map(Object.entries(cp.end).map(([p, o]) => [Number(p), o]))
    const plan = await planRange(kafka, { topic: opts.topic, partitions, from, to: ends })
    return runReplay(opts, kafka, pipeline, pipelineId, plan)
  }
  const plan = await planRange(kafka, {
    topic: opts.topic,
    ...(partitions ? { partitions } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  })
  return runReplay(opts, kafka, pipeline, pipelineId, plan)
}

async function runReplay(
  opts: ReplayOptions,
  kafka: ReturnType<typeof connectKafka>,
  pipeline: ReturnType<typeof makePipelineVersion>,
  pipelineId: string,
  plan: { partition: number; start: string; end: string }[],
): Promise<ExitCode> {
  const total = plan.reduce((s, p) => s + Number(BigInt(p.end) - BigInt(p.start)), 0)
  const where = opts.s3Bucket
    ? `s3://${opts.s3Bucket}/articles/v1/…`
    : `${opts.out ?? 'copydesk-replay'}/articles/v1/…`
  process.stderr.write(
    `copydesk replay: ${opts.topic} ${plan.map((p) => `p${p.partition}[${p.start},${p.end})`).join(' ')}: ${total} record(s) → ${where}${opts.targetTopic ? ` and ${opts.targetTopic}` : ''}; pipeline ${pipeline.version}\n`,
  )
  if (opts.dryRun) return ExitCode.ok
  const store = storeFor(opts)
  // Pages sent by reference may name other buckets: one client per bucket, closed at the end.
  const refStores = new Map<string, ObjectStore>([[store.bucket, store]])
  const refStoreFor = (bucket: string): ObjectStore => {
    const known = refStores.get(bucket)
    if (known) return known
    const created = storeFor({ ...opts, s3Bucket: bucket })
    refStores.set(bucket, created)
    return created
  }
  const dedupeStore = opts.redisUrl
    ? new RedisStore({ url: opts.redisUrl, prefix: opts.dedupePrefix })
    : new MemoryStore()
  const assignCluster = createAssignCluster(dedupeStore)
  const deps: PipelineDeps = {
    store,
    pipeline,
    findEntities,
    tagTopics: tagArticleTopics,
    assignCluster,
    batches: new BatchWriter(store, {
      maxRecords: 1000,
      maxBytes: 16 * 1024 * 1024,
      maxAgeMs: Number.POSITIVE_INFINITY,
      idleMs: Number.POSITIVE_INFINITY,
      tag: versionTag(pipeline),
    }),
    ingest: {
      fetchBodyRef: (bucket, key, maxBytes) => refStoreFor(bucket).get(key, { maxBytes }),
    },
  }
  const producer = opts.targetTopic ? await createJsonProducer(kafka, { source: 'copydesk-replay' }) : null
  const checkpoint: Checkpoint = {
    topic: opts.topic,
    pipeline: pipelineId,
    next: Object.fromEntries(plan.map((p) => [p.partition, p.start])),
    end: Object.fromEntries(plan.map((p) => [p.partition, p.end])),
  }
  const saveCheckpoint = () => {
    writeFileSync(`${opts.checkpoint}.tmp`, JSON.stringify(checkpoint, null, 2))
    renameSync(`${opts.checkpoint}.tmp`, opts.checkpoint)
  }
  saveCheckpoint()
  const bar =
    opts.progress && process.stderr.isTTY
      ? new SingleBar({
          format: 'replay [{bar}] {value}/{total} pages | {speed} pages/s | ETA {eta_formatted}',
          hideCursor: true,
        })
      : null
  bar?.start(total, 0, { speed: '0' })
  const abort = new AbortController()
  const onSignal = () => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const started = performance.now()
  let done = 0
  let dead = 0
  try {
    await readRange(kafka, {
      topic: opts.topic,
      partitions: plan.map((p) => p.partition),
      from: new Map(plan.map((p) => [p.partition, p.start])),
      to: new Map(plan.map((p) => [p.partition, p.end])),
      signal: abort.signal,
      onRecords: async (records) => {
        const events: { key: string; value: EnrichedEvent }[] = []
        // Pages go through the stages one at a time, in order; their record writes overlap.
        const inflight: Promise<ChainOutcome>[] = []
        const settle = async () => {
          for (const outcome of await Promise.all(inflight.splice(0))) {
            if (outcome.ok) events.push({ key: outcome.event.articleId, value: outcome.event })
            else if (outcome.retryable)
              throw new Error(
                `${outcome.stage}: ${outcome.code}: ${outcome.message} (transient: resume with --resume)`,
              )
            else dead++
          }
        }
        for (const r of records) {
          if (abort.signal.aborted) break
          let raw: unknown
          try {
            raw = JSON.parse(r.value?.toString('utf8') ?? 'null')
          } catch {
            raw = null
          }
          const at = { topic: r.topic, partition: r.partition, offset: r.offset, timestampMs: r.timestamp }
          inflight.push((await startChain(raw, at, deps)).settled)
          if (inflight.length >= 32) await settle()
          checkpoint.next[String(r.partition)] = String(BigInt(r.offset) + 1n)
          done++
          if (opts.rate) {
            const ahead = (done / opts.rate) * 1000 - (performance.now() - started)
            if (ahead > 0) await new Promise((res) => setTimeout(res, ahead))
          }
        }
        await settle()
        // Outputs first, checkpoint after: a crash in between replays a batch, which rewrites the same bytes.
        await deps.batches?.flushAll()
        if (producer && events.length)
          await producer.send(opts.targetTopic!, EnrichedEvent, events, eventTypes.enriched)
        saveCheckpoint()
        bar?.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(1) })
      },
    })
  } finally {
    bar?.stop()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await producer?.disconnect()
    await assignCluster.close()
    await Promise.all([...refStores.values()].map((s) => s.close()))
  }
  const secs = (performance.now() - started) / 1000
  if (abort.signal.aborted) {
    process.stderr.write(
      `copydesk replay: stopped after ${done} page(s); continue with --resume (checkpoint ${opts.checkpoint})\n`,
    )
    return ExitCode.interrupted
  }
  process.stderr.write(
    `copydesk replay: ${done} page(s) in ${secs.toFixed(1)} s (${(done / Math.max(secs, 1e-9)).toFixed(1)}/s), ${dead} rejected\n`,
  )
  return dead > 0 ? ExitCode.partial : ExitCode.ok
}
