import { DlqHeader, dlqTopic, topics } from '@copydesk/contracts'
import { type RangeRecord, readRange } from '@copydesk/stream'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.ts'
import { headersOf, recordToJson } from '../format-record.ts'
import { connectKafka, type KafkaCliOptions, parseTime, withBrokers } from '../kafka-connection.ts'

interface DlqOptions extends KafkaCliOptions {
  topic: string
  since?: string
  code?: string
  json?: boolean
}

const dlqHeaderNames = new Set<string>(Object.values(DlqHeader))

async function readDeadLetters(opts: DlqOptions): Promise<RangeRecord[]> {
  const kafka = connectKafka(opts)
  const out: RangeRecord[] = []
  await readRange(kafka, {
    topic: opts.topic.endsWith('.dlq') ? opts.topic : dlqTopic(opts.topic),
    ...(opts.since ? { from: { timestamp: parseTime(opts.since) } } : {}),
    onRecords: (records) => {
      for (const r of records) if (!opts.code || headersOf(r)[DlqHeader.errorCode] === opts.code) out.push(r)
    },
  })
  return out
}

/** Where a dead letter stands: `<partition>@<offset>` of the dead-letter topic. */
const idOf = (r: RangeRecord) => `${r.partition}@${r.offset}`

function parseIds(list: string): Set<string> {
  return new Set(list.split(',').map((s) => (s.includes('@') ? s.trim() : `0@${s.trim()}`)))
}

/** `copydesk dlq list|show|redrive`: why pages went to the dead letters, and sending them back. */
export function registerDlqCommand(program: Command): void {
  const dlq = program
    .command('dlq')
    .summary('inspect and redrive dead letters')
    .description(
      'Dead letters keep the original record and add headers naming the stage, error code and message, and the\noriginal topic, partition and offset. A dead letter is named by <partition>@<offset> (or just <offset> on partition 0).',
    )
  const common = (cmd: Command) =>
    withBrokers(cmd)
      .option('-t, --topic <topic>', 'input topic (or its .dlq topic) whose dead letters to read', topics.raw)
      .option('--since <time>', 'only dead letters from this time: ISO 8601, epoch ms, or 15m/2h/3d ago')
      .option('--code <code>', 'only dead letters with this error code, e.g. ERR_SCHEMA')

  common(dlq.command('list'))
    .description('one line per dead letter: id, time, stage, error code, message, original coordinates')
    .option('--json', 'one JSON object per dead letter')
    .addHelpText('after', '\nExample:\n  copydesk dlq list --topic articles.raw --since 1d')
    .action(async (opts: DlqOptions) => {
      for (const r of await readDeadLetters(opts)) {
        if (opts.json) {
          process.stdout.write(`${recordToJson(r)}\n`)
          continue
        }
        const h = headersOf(r)
        process.stdout.write(
          `${idOf(r).padEnd(10)} ${h[DlqHeader.time] ?? ''} ${(h[DlqHeader.stage] ?? '?').padEnd(8)} ${(h[DlqHeader.errorCode] ?? '?').padEnd(18)} from ${h[DlqHeader.topic]}/${h[DlqHeader.partition]}@${h[DlqHeader.offset]}  ${(h[DlqHeader.errorMessage] ?? '').slice(0, 120)}\n`,
        )
      }
    })

  common(dlq.command('show'))
    .description('the whole dead letter: headers and value')
    .argument('<id>', 'dead letter id: <partition>@<offset> or <offset>')
    .action(async (id: string, opts: DlqOptions) => {
      const wanted = parseIds(id)
      const found = (await readDeadLetters(opts)).filter((r) => wanted.has(idOf(r)))
      if (found.length === 0) {
        process.stderr.write(
          `copydesk dlq show: no dead letter ${id} in ${dlqTopic(opts.topic.replace(/\.dlq$/, ''))}; see copydesk dlq list\n`,
        )
        process.exitCode = ExitCode.failure
        return
      }
      for (const r of found) process.stdout.write(`${JSON.stringify(JSON.parse(recordToJson(r)), null, 2)}\n`)
    })

  common(dlq.command('redrive'))
    .description(
      'send chosen dead letters back to their original topic with their original key, value and headers,\nplus a header counting redrives; the dead letters themselves stay where they are',
    )
    .option('--ids <list>', 'dead letters to send back: <partition>@<offset>,… or offsets on partition 0')
    .option('--all', 'send back every dead letter selected by --since and --code')
    .option('--dry-run', 'say what would be sent, send nothing')
    .addHelpText(
      'after',
      '\nExamples:\n  copydesk dlq redrive --ids 0@12,0@13\n  copydesk dlq redrive --all --code ERR_S3 --since 2h --dry-run',
    )
    .action(async (opts: DlqOptions & { ids?: string; all?: boolean; dryRun?: boolean }) => {
      if (!opts.ids && !opts.all)
        throw new Error('choose dead letters with --ids <partition>@<offset>,… or --all')
      const wanted = opts.ids ? parseIds(opts.ids) : null
      const chosen = (await readDeadLetters(opts)).filter((r) => !wanted || wanted.has(idOf(r)))
      if (wanted && chosen.length !== wanted.size) {
        const missing = [...wanted].filter((w) => !chosen.some((r) => idOf(r) === w))
        throw new Error(`no such dead letter(s): ${missing.join(', ')}; see copydesk dlq list`)
      }
      const records = chosen.map((r) => {
        const h = headersOf(r)
        const headers = Object.fromEntries(Object.entries(h).filter(([k]) => !dlqHeaderNames.has(k)))
        headers[DlqHeader.redriveCount] = String(Number(h[DlqHeader.redriveCount] ?? 0) + 1)
        return {
          id: idOf(r),
          topic: h[DlqHeader.topic] ?? opts.topic.replace(/\.dlq$/, ''),
          key: r.key,
          value: r.value,
          headers,
        }
      })
      for (const r of records)
        process.stderr.write(
          `${opts.dryRun ? 'would send' : 'sending'} ${r.id} to ${r.topic} (redrive ${r.headers[DlqHeader.redriveCount]})\n`,
        )
      if (opts.dryRun || records.length === 0) return
      const producer = connectKafka(opts).producer({ idempotent: true, allowAutoTopicCreation: false })
      await producer.connect()
      try {
        for (const r of records)
          await producer.send({
            topic: r.topic,
            acks: -1,
            messages: [{ key: r.key, value: r.value, headers: r.headers }],
          })
      } finally {
        await producer.disconnect()
      }
      process.stderr.write(`copydesk dlq redrive: ${records.length} record(s) sent back\n`)
    })
}
