import { createJsonlHandler as dedupeHandler } from '@copydesk/dedupe'
import { createJsonlHandler as entitiesHandler } from '@copydesk/entities'
import { createJsonlHandler as extractHandler } from '@copydesk/extract'
import { createJsonlHandler as topicsHandler } from '@copydesk/topics'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.ts'
import { type JsonlHandler, runJsonl } from '../jsonl.ts'

interface OfflineTool {
  name: string
  summary: string
  input: string
  output: string
  make: () => JsonlHandler
}

const tools: OfflineTool[] = [
  {
    name: 'extract',
    summary: 'take the article out of raw pages (HTML or whole-page text dumps)',
    input: '{"id","url"?,"contentType","body"}',
    output: '{"id","title","body","byline","publishedAt","section","language","wireAgency"}',
    make: () => extractHandler(),
  },
  {
    name: 'entities',
    summary: 'find the people, organisations, countries and places a text names',
    input: '{"id","text"}',
    output: '{"id","entities":[{"type","name","id","start","end","text"}]}',
    make: () => entitiesHandler(),
  },
  {
    name: 'topics',
    summary: 'tag texts with IPTC Media Topics',
    input: '{"id","text","title"?}',
    output: '{"id","topics":[{"code","label","score"}]}',
    make: () => topicsHandler(),
  },
  {
    name: 'dedupe',
    summary: 'assign texts, in arrival order, to wire-copy clusters (in-memory state)',
    input: '{"id","text","title"?,"ts"?}',
    output: '{"id","clusterId","duplicateOf","kind","similarity"}',
    make: () => dedupeHandler(),
  },
]

/** `copydesk extract|entities|topics|dedupe --jsonl`: one stage on JSON lines, stdin to stdout. */
export function registerOfflineCommands(program: Command): Map<string, Command> {
  const commands = new Map<string, Command>()
  for (const tool of tools) {
    const cmd = program
      .command(tool.name)
      .summary(tool.summary)
      .description(
        `${tool.summary[0]!.toUpperCase()}${tool.summary.slice(1)}, offline: no broker, no storage.\n\nReads JSON lines on stdin:  ${tool.input}\nWrites one line per input:  ${tool.output}\nA line that cannot be handled gives {"id","error":{"code","message"}} in its place (exit code 3).`,
      )
      .option('--jsonl', 'read JSON lines on stdin and write JSON lines on stdout (the only mode; required)')
      .addHelpText('after', `\nExample:\n  echo '${exampleFor(tool.name)}' | copydesk ${tool.name} --jsonl`)
      .action(async (opts: { jsonl?: boolean }) => {
        if (!opts.jsonl) {
          cmd.error(
            `copydesk ${tool.name}: pass --jsonl (JSON lines on stdin, one result line per input on stdout)`,
            {
              exitCode: ExitCode.usage,
            },
          )
        }
        process.exitCode = await runJsonl(tool.make(), process.stdin, process.stdout, process.stderr)
      })
    commands.set(tool.name, cmd)
  }
  return commands
}

function exampleFor(name: string): string {
  switch (name) {
    case 'extract':
      return '{"id":"1","contentType":"text/html","body":"<html><body><article><h1>Title</h1><p>Body…</p></article></body></html>"}'
    case 'dedupe':
      return '{"id":"1","text":"PARIS (AFP) - The story…","ts":"2024-05-17T10:00:00Z"}'
    default:
      return '{"id":"1","text":"Russian President Vladimir Putin met Xi Jinping in Beijing."}'
  }
}
