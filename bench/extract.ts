// Extraction speed (pages/s on one core) on the article-extraction benchmark's HTML pages, beside
// @mozilla/readability + linkedom measured in the same run, and extraction quality (token F1).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { extractWithReadability } from '../packages/extract/scripts/readability-baseline.ts'
import { computeMetrics, matchShingles } from '../packages/extract/scripts/shingle-metric.ts'
import { extractArticle } from '../packages/extract/src/index.ts'
import type { BenchResult } from './types.ts'

const root = join(import.meta.dirname, '..')
const dataDir = join(
  process.env.COPYDESK_BENCH_DATA ?? join(root, '..', 'shared', 'benchmarks'),
  'article-extraction',
)

interface Page {
  id: string
  html: string
  dump: string
  truth: string
}

function loadPages(): Page[] {
  if (!existsSync(join(dataDir, 'html'))) {
    throw new Error(`article-extraction benchmark not found at ${dataDir} (set COPYDESK_BENCH_DATA)`)
  }
  const truth = JSON.parse(readFileSync(join(dataDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string }
  >
  const dumps = JSON.parse(readFileSync(join(dataDir, 'text-dump.json'), 'utf8')).output as Record<
    string,
    { articleBody: string }
  >
  return readdirSync(join(dataDir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const id = f.replace('.html.gz', '')
      return {
        id,
        html: gunzipSync(readFileSync(join(dataDir, 'html', f))).toString('utf8'),
        dump: dumps[id]?.articleBody ?? '',
        truth: truth[id]?.articleBody ?? '',
      }
    })
}

function extractOurs(html: string): string {
  try {
    return extractArticle({ body: html, contentType: 'text/html' }).paragraphs.join('\n\n')
  } catch {
    return ''
  }
}

/** Pages per second of one pass over every page. */
function timePass(pages: Page[], extract: (html: string) => string): number {
  const started = performance.now()
  for (const page of pages) extract(page.html)
  return pages.length / ((performance.now() - started) / 1000)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function scoreF1(pages: Page[], predict: (page: Page) => string): number {
  return computeMetrics(pages.map((p) => matchShingles(p.truth, predict(p)))).f1
}

/** Runs the extraction benchmark: alternating passes of copydesk and Readability, medians compared. */
export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const all = loadPages()
  const pages = opts.quick ? all.slice(0, 20) : all
  const rounds = opts.quick ? 2 : 5
  // Warm both up so the JIT state is alike, then alternate so machine noise hits both the same.
  timePass(pages.slice(0, 10), extractOurs)
  timePass(pages.slice(0, 10), extractWithReadability)
  const ours: number[] = []
  const theirs: number[] = []
  for (let i = 0; i < rounds; i++) {
    ours.push(timePass(pages, extractOurs))
    theirs.push(timePass(pages, extractWithReadability))
  }
  const oursRate = median(ours)
  const baseline = { name: 'readability 0.6.0 + linkedom pages/s', value: median(theirs) }
  const html = scoreF1(all, (p) => extractOurs(p.html))
  const text = scoreF1(all, (p) => {
    try {
      return extractArticle({ body: p.dump, contentType: 'text/plain' }).paragraphs.join('\n\n')
    } catch {
      return ''
    }
  })
  const notes = `${pages.length} pages, median of ${rounds} alternating passes, one thread`
  return [
    { suite: 'extract', name: baseline.name, value: baseline.value, unit: 'pages/s', notes },
    {
      suite: 'extract',
      name: 'copydesk html pages/s',
      value: oursRate,
      unit: 'pages/s',
      baseline,
      ratio: oursRate / baseline.value,
      target: { ratio: 2 },
      notes,
    },
    {
      suite: 'extract',
      name: 'html body token F1',
      value: html,
      unit: 'F1',
      target: { value: 0.95 },
      notes: `${all.length} pages`,
    },
    {
      suite: 'extract',
      name: 'text-dump body token F1',
      value: text,
      unit: 'F1',
      target: { value: 0.9 },
      notes: `${all.length} pages`,
    },
  ]
}
