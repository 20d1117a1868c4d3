/**
 * Child process of bench/entities.ts (a fresh process, so resident memory is ours alone).
 *   memory <conll file>: RSS delta of loading the gazetteers and the model
 *   speed <conll file> <seconds>: tokens/s of extractEntities and of bare compromise, interleaved
 */
import { readConll } from './conll.ts'

const [mode, path, secondsArg] = process.argv.slice(2)
if (!mode || !path) throw new Error('usage: bench-worker.ts memory|speed <conll file> [seconds]')
const texts = readConll(path).map((d) => d.text)
const tokenCount = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0)

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
const gc = (globalThis as { gc?: () => void }).gc

if (mode === 'memory') {
  gc?.()
  const before = process.memoryUsage().rss
  const { loadGazetteer, loadModel } = await import('../src/index.ts')
  loadGazetteer()
  loadModel()
  gc?.()
  const after = process.memoryUsage()
  console.log(
    JSON.stringify({
      rssDeltaMb: mb(after.rss - before),
      rssMb: mb(after.rss),
      heapUsedMb: mb(after.heapUsed),
    }),
  )
} else {
  const seconds = Number(secondsArg ?? '5')
  const { extractEntities } = await import('../src/index.ts')
  const nlp = (await import('compromise')).default
  const ours = () => {
    for (const t of texts) extractEntities(t)
  }
  const bare = () => {
    for (const t of texts) {
      const doc = nlp(t)
      doc.people().out('array')
      doc.places().out('array')
      doc.organizations().out('array')
    }
  }
  ours()
  bare()
  // Interleave short rounds so a burst from another process on the shared cores hits both sides.
  const time = { ours: 0, bare: 0 }
  const passes = { ours: 0, bare: 0 }
  const deadline = performance.now() + seconds * 1000
  while (performance.now() < deadline || passes.bare === 0) {
    for (const [name, fn] of [
      ['ours', ours],
      ['bare', bare],
    ] as const) {
      const t0 = performance.now()
      fn()
      time[name] += performance.now() - t0
      passes[name]++
    }
  }
  const rate = (name: 'ours' | 'bare') => (tokenCount * passes[name]) / (time[name] / 1000)
  console.log(JSON.stringify({ tokens: tokenCount, ours: rate('ours'), bare: rate('bare'), passes }))
}
