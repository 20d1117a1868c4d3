/**
 * Scores the extractor on the article-extraction benchmark (dev half) with the upstream metric.
 *
 *   pnpm tsx packages/extract/scripts/score-extraction.ts <benchmark dir> [--input html|text-dump]
 *   pnpm tsx packages/extract/scripts/score-extraction.ts <benchmark dir> --reference readability_js
 *
 * `--reference <system>` scores a published output instead of ours (to check this port of the
 * metric against the published scores); `--dump` scores the text dump as-is.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { extractArticle } from '../src/index.ts'
import { computeMetrics, matchShingles, scorePrecision, scoreRecall, type TpFpFn } from './shingle-metric.ts'

type Bodies = Record<string, { articleBody?: string }>

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag)
  return i >= 0 ? args[i + 1] : undefined
}

function predict(dir: string, ids: string[], args: string[]): Record<string, string> {
  const reference = argValue(args, '--reference')
  if (reference) {
    const out = readJson<{ output: Bodies }>(join(dir, 'reference-outputs', `${reference}.json`)).output
    return Object.fromEntries(ids.map((id) => [id, out[id]?.articleBody ?? '']))
  }
  const dump = readJson<{ output: Bodies }>(join(dir, 'text-dump.json')).output
  if (args.includes('--dump')) return Object.fromEntries(ids.map((id) => [id, dump[id]?.articleBody ?? '']))
  const input = argValue(args, '--input') ?? 'html'
  const result: Record<string, string> = {}
  for (const id of ids) {
    const page =
      input === 'text-dump'
        ? { body: dump[id]?.articleBody ?? '', contentType: 'text/plain' }
        : { body: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))), contentType: 'text/html' }
    try {
      result[id] = extractArticle(page).paragraphs.join('\n\n')
    } catch (err) {
      console.error(`${id}: ${(err as Error).message}`)
      result[id] = ''
    }
  }
  return result
}

function main(): void {
  const args = process.argv.slice(2)
  const dir = args[0]
  if (!dir) throw new Error('usage: score-extraction.ts <benchmark dir> [--input html|text-dump]')
  const truth = readJson<Record<string, { articleBody: string; url: string }>>(join(dir, 'ground-truth.json'))
  const ids = Object.keys(truth)
  const started = performance.now()
  const pred = predict(dir, ids, args)
  const ms = performance.now() - started
  const pages: Array<{ id: string; m: TpFpFn }> = ids.map((id) => ({
    id,
    m: matchShingles(truth[id]?.articleBody ?? '', pred[id] ?? ''),
  }))
  const metrics = computeMetrics(pages.map((p) => p.m))
  console.log(
    `pages=${ids.length} F1=${metrics.f1.toFixed(3)} precision=${metrics.precision.toFixed(3)} recall=${metrics.recall.toFixed(3)} (${ms.toFixed(0)} ms)`,
  )
  const worst = pages
    .map((p) => ({ ...p, p: scorePrecision(p.m), r: scoreRecall(p.m) }))
    .map((p) => ({ ...p, f: p.p + p.r > 0 ? (2 * p.p * p.r) / (p.p + p.r) : 0 }))
    .sort((a, b) => a.f - b.f)
    .slice(0, 20)
  console.log('20 worst pages (F1 precision recall id url):')
  for (const w of worst) {
    console.log(
      `${w.f.toFixed(3)} ${w.p.toFixed(3)} ${w.r.toFixed(3)} ${w.id.slice(0, 12)} ${truth[w.id]?.url}`,
    )
  }
}

main()
