// Topics speed: articles per CPU-second (≈ per core) of the full 17-topic tagger on the BBC dev
// articles (mean ≈ 385 words), beside a baseline measured in the same run: a plain lowercase/split
// bag-of-words count, the least text work any word-based classifier has to do. Also the model's
// load time (fresh parse + compile, median of 5) and file size.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MODEL_URL } from '../packages/topics/src/options.ts'
import { tagTopics } from '../packages/topics/src/tag-topics.ts'
import { loadTopicModel } from '../packages/topics/src/topic-model.ts'
import { loadWordClusters } from '../packages/word-clusters/src/index.ts'
import type { BenchResult } from './types.ts'

const root = join(import.meta.dirname, '..')
const dataFile = join(
  process.env.COPYDESK_BENCH_DATA ?? join(root, '..', 'shared', 'benchmarks'),
  'bbc-news',
  'dev.jsonl',
)

function loadArticles(): { text: string; title?: string }[] {
  if (!existsSync(dataFile))
    throw new Error(`BBC News benchmark not found at ${dataFile} (set COPYDESK_BENCH_DATA)`)
  return readFileSync(dataFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; title?: string })
}

/** Articles per CPU-second of `work` over `rounds` passes (CPU time, so other load on the machine counts less). */
function measure(
  articles: { text: string; title?: string }[],
  rounds: number,
  work: (a: { text: string; title?: string }) => unknown,
): number {
  for (const a of articles.slice(0, 100)) work(a)
  const start = process.cpuUsage()
  for (let r = 0; r < rounds; r++) for (const a of articles) work(a)
  const used = process.cpuUsage(start)
  return (articles.length * rounds) / ((used.user + used.system) / 1e6)
}

function countWords(a: { text: string; title?: string }): number {
  const counts = new Map<string, number>()
  for (const w of `${a.title ?? ''} ${a.text}`.toLowerCase().split(/[^a-z0-9]+/)) {
    if (w) counts.set(w, (counts.get(w) ?? 0) + 1)
  }
  return counts.size
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const articles = loadArticles()
  const rounds = opts.quick ? 1 : 3
  const modelPath = fileURLToPath(DEFAULT_MODEL_URL)
  const loads: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    loadTopicModel(modelPath)
    // The features need the word clusters too: read afresh each time (the tagger caches them).
    loadWordClusters()
    loads.push(performance.now() - t0)
  }
  const cold = loads[0]!
  loads.sort((a, b) => a - b)
  const model = loadTopicModel()
  const baseline = measure(articles, rounds, countWords)
  const tagged = measure(articles, rounds, (a) => tagTopics(a, {}, model))
  const words = articles.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / articles.length
  return [
    {
      suite: 'topics',
      name: 'articles/s per core (tagTopics, 17 topics)',
      value: Math.round(tagged),
      unit: 'articles/s',
      baseline: { name: 'lowercase split + word count', value: Math.round(baseline) },
      ratio: tagged / baseline,
      target: { value: 2000 },
      notes: `${articles.length} BBC dev articles x ${rounds}, mean ${Math.round(words)} words; CPU time`,
    },
    {
      suite: 'topics',
      name: 'model + word clusters load (read + parse + compile, median of 5)',
      value: Math.round(loads[2]! * 10) / 10,
      unit: 'ms',
      target: { value: 200, atMost: true },
      notes: `first (cold) load in this process: ${cold.toFixed(1)} ms`,
    },
    {
      suite: 'topics',
      name: 'model file size',
      value: Math.round(statSync(modelPath).size / 1e4) / 100,
      unit: 'MB',
      target: { value: 20, atMost: true },
    },
  ]
}
