import { eventTypes, parseEvent, RawPage, topics } from '@copydesk/contracts'
import { createJsonProducer } from '@copydesk/stream'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.ts'
import { connectKafka, type KafkaCliOptions, withBrokers } from '../kafka-connection.ts'
import { readPages } from '../read-pages.ts'

interface ProduceOptions extends KafkaCliOptions {
  topic: string
  header: string[]
  fetchedAt?: string
  batch: number
}

/** `copydesk produce`: raw pages to articles.raw, keyed by the source's id or the URL. */
export function registerProduceCommand(program: Command): void {
  withBrokers(program.command('produce'))
    .summary('send raw pages to articles.raw')
    .description(
      'Sends raw pages (the same inputs as `copydesk run`: HTML, text dumps, JSON lines of the raw-page contract,\n' +
        'folders, or - for stdin) to a topic, keyed by sourceId or else the URL, with CloudEvents headers.\n' +
        'Every page is validated against the raw-page contract first; invalid ones are reported and skipped (exit 3).',
    )
    .argument('<inputs...>', 'files, folders, or - for stdin')
    .option('-t, --topic <topic>', 'topic to send to', topics.raw)
    .option(
      '-H, --header <k=v>',
      'extra header on every record (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--fetched-at <iso>', 'fetch time of page files (default: each file’s modification time)')
    .option('--batch <n>', 'records per send', (v) => Number(v), 100)
    .addHelpText(
      'after',
      '\nExamples:\n  copydesk produce samples/pages\n  copydesk produce pages.jsonl -H source=crawler-7',
    )
    .action(async (inputs: string[], opts: ProduceOptions) => {
      const headers: Record<string, string> = {}
      for (const h of opts.header) {
        const i = h.indexOf('=')
        if (i < 1) throw new Error(`--header must be key=value (got ${h})`)
        headers[h.slice(0, i)] = h.slice(i + 1)
      }
      const producer = await createJsonProducer(connectKafka(opts), { source: 'copydesk-cli' })
      let sent = 0
      let rejected = 0
      let pending: { key: string; value: RawPage; headers: Record<string, string> }[] = []
      const flush = async () => {
        if (pending.length === 0) return
        await producer.send(opts.topic, RawPage, pending, eventTypes.raw)
        sent += pending.length
        pending = []
      }
      try {
        for await (const page of readPages(inputs, opts.fetchedAt ? { fetchedAt: opts.fetchedAt } : {})) {
          let value: RawPage
          try {
            value = parseEvent(RawPage, page.raw, 'raw page')
          } catch (err) {
            rejected++
            process.stderr.write(`copydesk produce: ${page.origin}: ${(err as Error).message}\n`)
            continue
          }
          pending.push({ key: value.sourceId ?? value.url, value, headers })
          if (pending.length >= opts.batch) await flush()
        }
        await flush()
      } finally {
        await producer.disconnect()
      }
      process.stderr.write(
        `copydesk produce: ${sent} page(s) sent to ${opts.topic}${rejected ? `, ${rejected} rejected` : ''}\n`,
      )
      process.exitCode = rejected > 0 ? ExitCode.partial : ExitCode.ok
    })
}
