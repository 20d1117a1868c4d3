// Entities: tokens/s per core of extractEntities beside bare compromise (nlp(text) with
// .people/.places/.organizations) on CoNLL-2003 dev documents, measured in one child process;
// and the resident memory the gazetteers and model add, measured in a fresh child process.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BenchResult } from './types.ts'

const repo = resolve(import.meta.dirname, '..')
const worker = join(repo, 'packages/entities/scripts/bench-worker.ts')

function runWorker(args: string[]): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--conditions=@copydesk/source', '--import', 'tsx', worker, ...args],
    {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, number>
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const data = process.env.COPYDESK_BENCH_DATA ?? resolve(repo, '../shared/benchmarks')
  const conll = join(data, 'conll2003/valid.txt')
  if (!existsSync(conll))
    throw new Error(`entities bench: ${conll} not found (set COPYDESK_BENCH_DATA to the benchmarks folder)`)
  const memory = runWorker(['memory', conll])
  const speed = runWorker(['speed', conll, opts.quick ? '3' : '20'])
  const ours = speed.ours as number
  const bare = speed.bare as number
  return [
    {
      suite: 'entities',
      name: 'tokens/s per core (extractEntities)',
      value: Math.round(ours),
      unit: 'tokens/s',
      baseline: { name: 'bare compromise people/places/organizations', value: Math.round(bare) },
      ratio: Math.round((ours / bare) * 100) / 100,
      target: { ratio: 5 },
      notes: `CoNLL-2003 dev, ${speed.tokens} tokens per pass, single thread`,
    },
    {
      suite: 'entities',
      name: 'resident memory of gazetteers + model',
      value: memory.rssDeltaMb as number,
      unit: 'MB',
      target: { value: 150, atMost: true },
      notes: `RSS delta in a fresh process after gc; total RSS ${memory.rssMb} MB`,
    },
  ]
}
