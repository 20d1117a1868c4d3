import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { topics } from '@copydesk/contracts'
import {
  BatchWriter,
  createAssignCluster,
  findEntities,
  makePipelineVersion,
  runChain,
  tagArticleTopics,
  versionTag,
} from '@copydesk/pipeline'
import { LocalFolderStore } from '@copydesk/storage'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.ts'
import { readPages } from '../read-pages.ts'

interface RunOptions {
  out: string
  events?: string
  fetchedAt?: string
  quiet?: boolean
}

async function write(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await new Promise((r) => stream.once('drain', r))
}

/** `copydesk run`: the whole pipeline in one process, no broker: records to a folder, events to stdout. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .summary('run the whole pipeline on pages, in this process (no broker needed)')
    .description(
      'Runs ingest, enrich, dedupe and archive in one process on raw pages: HTML files (.html, .htm), whole-page\n' +
        'text dumps (.txt), JSON lines of the raw-page contract (.jsonl, .ndjson), folders of those, or - for JSON\n' +
        'lines on stdin. Dedupe state is in memory; records and batch files go to a local folder with the same key\n' +
        'layout as S3; one enriched event per record is written as a JSON line (stdout by default). Pages that\n' +
        'cannot be processed are written with their reason to <out>/dead-letters.jsonl (exit code 3).',
    )
    .argument('<inputs...>', 'files, folders, or - for stdin')
    .option('-o, --out <dir>', 'folder for records, batch files and dead letters', 'copydesk-out')
    .option('-e, --events <file>', 'write enriched events to this file instead of stdout')
    .option('--fetched-at <iso>', 'fetch time of page files (default: each file’s modification time)')
    .option('-q, --quiet', 'no summary on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  copydesk run samples/pages\n  copydesk run page.html -o /tmp/out -e /tmp/out/events.jsonl\n  cat pages.jsonl | copydesk run -',
    )
    .action(async (inputs: string[], opts: RunOptions) => {
      process.exitCode = await runEmbedded(inputs, opts)
    })
}

/** Runs the embedded pipeline; returns the exit code. */
export async function runEmbedded(inputs: string[], opts: RunOptions): Promise<ExitCode> {
  const out = resolve(opts.out)
  await mkdir(out, { recursive: true })
  const store = new LocalFolderStore(join(out, 'store'))
  const events: Writable = opts.events ? createWriteStream(resolve(opts.events)) : process.stdout
  const deadLetters = createWriteStream(join(out, 'dead-letters.jsonl'))
  const assignCluster = createAssignCluster()
  // No Kafka here: batch files are cut by count and hour only, named after the input's position.
  const pipeline = makePipelineVersion()
  const batches = new BatchWriter(store, {
    maxRecords: 1000,
    maxBytes: 16 * 1024 * 1024,
    maxAgeMs: Number.POSITIVE_INFINITY,
    idleMs: Number.POSITIVE_INFINITY,
    tag: versionTag(pipeline),
  })
  const deps = {
    store,
    pipeline,
    findEntities,
    tagTopics: tagArticleTopics,
    assignCluster,
    batches,
    ingest: {
      // In the embedded mode a bodyRef names a key of the local store's bucket.
      fetchBodyRef: (bucket: string, key: string, maxBytes: number) => {
        if (bucket !== store.bucket)
          throw new Error(`bodyRef bucket ${bucket} is not the local store (${store.bucket})`)
        return store.get(key, { maxBytes })
      },
    },
  }
  let offset = 0
  let stored = 0
  let dead = 0
  const clusters = new Map<string, number>()
  const started = performance.now()
  for await (const page of readPages(inputs, opts.fetchedAt ? { fetchedAt: opts.fetchedAt } : {})) {
    const at = {
      topic: topics.raw,
      partition: 0,
      offset: String(offset++),
      timestampMs: Date.parse((page.raw as { fetchedAt?: string })?.fetchedAt ?? '') || 0,
    }
    const outcome = await runChain(page.raw, at, deps)
    if (outcome.ok) {
      stored++
      clusters.set(outcome.event.dedupe.clusterId, (clusters.get(outcome.event.dedupe.clusterId) ?? 0) + 1)
      await write(events, `${JSON.stringify(outcome.event)}\n`)
    } else {
      dead++
      await write(
        deadLetters,
        `${JSON.stringify({ origin: page.origin, stage: outcome.stage, code: outcome.code, message: outcome.message, retryable: outcome.retryable })}\n`,
      )
      if (!opts.quiet)
        process.stderr.write(
          `copydesk run: ${page.origin}: ${outcome.stage} failed: ${outcome.code}: ${outcome.message}\n`,
        )
    }
  }
  await batches.flushAll()
  await assignCluster.close()
  await new Promise<void>((r) => deadLetters.end(r))
  if (opts.events) await new Promise<void>((r) => events.end(r))
  if (!opts.quiet) {
    const secs = (performance.now() - started) / 1000
    const dupes = [...clusters.values()].reduce((s, n) => s + (n - 1), 0)
    process.stderr.write(
      `copydesk run: ${offset} page(s) in ${secs.toFixed(1)} s: ${stored} record(s) in ${join(out, 'store')}, ${clusters.size} cluster(s), ${dupes} duplicate(s), ${dead} dead letter(s)${dead ? ` in ${join(out, 'dead-letters.jsonl')}` : ''}\n`,
    )
  }
  return dead > 0 ? ExitCode.partial : ExitCode.ok
}
