import { readRange } from '@copydesk/stream'
import type { Command } from 'commander'
import { recordToJson, recordToText } from '../format-record.ts'
import {
  connectKafka,
  type KafkaCliOptions,
  parsePartitions,
  parseTime,
  withBrokers,
} from '../kafka-connection.ts'

interface TailOptions extends KafkaCliOptions {
  partitions?: string
  offset?: string
  since?: string
  last?: number
  follow?: boolean
  json?: boolean
}

/** `copydesk tail <topic>`: what is in a topic, from a time or an offset, pretty or as JSON. */
export function registerTailCommand(program: Command): void {
  withBrokers(program.command('tail'))
    .summary('print the records of a topic')
    .description(
      'Prints records of a topic without joining any service’s consumer group. By default the last 10 records\nof each partition; --since, --offset or --last choose others, --follow keeps printing new ones (Ctrl-C stops).',
    )
    .argument('<topic>', 'topic to read, e.g. articles.enriched')
    .option('-p, --partitions <list>', 'partitions to read, e.g. 0,2 (default: all)')
    .option('--offset <n>', 'start at this offset in each partition')
    .option('--since <time>', 'start at this time: ISO 8601, epoch ms, or 15m/2h/3d ago')
    .option('-n, --last <n>', 'start this many records before the end of each partition', (v) => Number(v))
    .option('-f, --follow', 'keep printing new records until Ctrl-C')
    .option('--json', 'one JSON object per record (value parsed when it is JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  copydesk tail articles.enriched --since 15m --json\n  copydesk tail articles.raw.dlq -p 0 --offset 0 -f',
    )
    .action(async (topic: string, opts: TailOptions) => {
      const kafka = connectKafka(opts)
      const abort = new AbortController()
      process.once('SIGINT', () => abort.abort())
      const partitions = opts.partitions ? parsePartitions(opts.partitions) : undefined
      let from: Parameters<typeof readRange>[1]['from']
      if (opts.offset !== undefined) from = { offset: opts.offset }
      else if (opts.since !== undefined) from = { timestamp: parseTime(opts.since) }
      else {
        // The last N of each partition: ask the broker where each partition ends.
        const last = BigInt(opts.last ?? 10)
        const admin = kafka.admin()
        await admin.connect()
        const marks = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())
        from = new Map(
          marks.map((m) => [
            m.partition,
            String(BigInt(m.high) - last > BigInt(m.low) ? BigInt(m.high) - last : BigInt(m.low)),
          ]),
        )
      }
      await readRange(kafka, {
        topic,
        ...(partitions ? { partitions } : {}),
        ...(from ? { from } : {}),
        follow: opts.follow ?? false,
        signal: abort.signal,
        onRecords: (records) => {
          for (const r of records) process.stdout.write(`${opts.json ? recordToJson(r) : recordToText(r)}\n`)
        },
      })
    })
}
