// `pnpm bench [suite...] [--quick]`: runs the benchmark modules under bench/ (each exports `run`),
// prints one table and writes bench/results/<time>.json and bench/results/latest.json.
// Speed targets are ratios against a baseline measured in the same run: these machines are noisy.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { stackFromEnv, startLocalStack } from '../test/setup/stack.ts'
import type { BenchModule, BenchResult } from './types.ts'

// On a system Node 20 (no pinned runtime, see README) the AWS SDK's end-of-support notice would repeat per process.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1'
const here = import.meta.dirname
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const wanted = args.filter((a) => !a.startsWith('--'))
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'types.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((s) => wanted.length === 0 || wanted.includes(s))
  .sort((a, b) => (a === 'stream' ? -1 : b === 'stream' ? 1 : a.localeCompare(b))) // the Kafka ceiling first

function verdict(r: BenchResult): string {
  if (!r.target) return ''
  if (r.target.ratio !== undefined && r.ratio !== undefined)
    return r.ratio >= r.target.ratio ? 'met' : 'MISSED'
  if (r.target.value !== undefined) {
    const ok = r.target.atMost ? r.value <= r.target.value : r.value >= r.target.value
    return ok ? 'met' : 'MISSED'
  }
  return ''
}

// Suites that need Kafka, S3 or Redis get the stack the tests use: the environment's, else infra/local.
const NEEDS_STACK = new Set(['stream', 'pipeline', 'dedupe'])
let stopStack = async () => {}
if (suites.some((s) => NEEDS_STACK.has(s)) && !stackFromEnv()) {
  process.stderr.write('[bench] starting the local stack (infra/local)...\n')
  const started = await startLocalStack()
  const { stack } = started
  stopStack = started.stop
  Object.assign(process.env, {
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    S3_ENDPOINT: stack.s3.endpoint,
    S3_REGION: stack.s3.region,
    S3_ACCESS_KEY_ID: stack.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: stack.s3.secretAccessKey,
    REDIS_URL: stack.redisUrl,
  })
}

const results: BenchResult[] = []
const failures: string[] = []
for (const suite of suites) {
  process.stderr.write(`[bench] ${suite}...\n`)
  try {
    const mod = (await import(pathToFileURL(join(here, `${suite}.ts`)).href)) as BenchModule
    results.push(...(await mod.run({ quick })))
  } catch (err) {
    failures.push(`${suite}: ${(err as Error).stack ?? err}`)
  }
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3))
console.log('\n| suite | measure | value | unit | baseline | ratio | target | verdict |')
console.log('|---|---|---:|---|---|---:|---|---|')
for (const r of results) {
  const baseline = r.baseline ? `${r.baseline.name} ${fmt(r.baseline.value)}` : ''
  const target = r.target
    ? r.target.ratio !== undefined
      ? `≥ ${r.target.ratio}×`
      : `${r.target.atMost ? '≤' : '≥'} ${r.target.value}`
    : ''
  console.log(
    `| ${r.suite} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${baseline} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} | ${target} | ${verdict(r)} |`,
  )
}
const report = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  memGiB: Math.round(totalmem() / 2 ** 30),
  quick,
  results,
  failures,
}
const dir = join(here, 'results')
mkdirSync(dir, { recursive: true })
const text = `${JSON.stringify(report, null, 2)}\n`
writeFileSync(join(dir, `${report.at.replace(/[:.]/g, '-')}.json`), text)
writeFileSync(join(dir, 'latest.json'), text)
for (const f of failures) console.error(`\n[bench] failed: ${f}`)
await stopStack()
process.exit(failures.length > 0 ? 1 : 0)
