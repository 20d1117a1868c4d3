/**
 * Scores `copydesk dedupe --jsonl` on a labelled file of the dedupe-synthetic shape
 * (`{id, cluster, text, title?, ts?, canonical?}` per line, in stream order): pairwise precision,
 * recall, F1, adjusted Rand index, canonical agreement, then the worst false merges and misses.
 *   pnpm tsx packages/dedupe/scripts/score-dedupe.ts <docs.jsonl> [--worst 20] [--redis <url>]
 * With --redis the same docs go through a RedisStore (fresh prefix, removed afterwards) instead of
 * the in-memory store of the JSONL handler, to check that both stores cluster alike.
 */
import { readFileSync } from 'node:fs'
import { createDeduper } from '../src/deduper.ts'
import { createJsonlHandler } from '../src/jsonl.ts'
import { connectRedis, RedisStore } from '../src/redis-store.ts'

interface Doc {
  id: string
  cluster: string
  text: string
  title?: string
  ts?: string
  canonical?: boolean
  ops?: string[]
}

const path = process.argv[2]
if (path === undefined) {
  console.error('usage: score-dedupe.ts <docs.jsonl> [--worst N]')
  process.exit(2)
}
const worstIdx = process.argv.indexOf('--worst')
const worstN = worstIdx > 0 ? Number(process.argv[worstIdx + 1]) : 20
const docs: Doc[] = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Doc)

const redisIdx = process.argv.indexOf('--redis')
const redisUrl = redisIdx > 0 ? process.argv[redisIdx + 1] : undefined
const predicted = new Map<string, string>()
const dupOf = new Map<string, string | null>()
const started = performance.now()
if (redisUrl === undefined) {
  const handle = createJsonlHandler()
  for (const d of docs) {
    const out = await handle({ id: d.id, text: d.text, title: d.title, ts: d.ts })
    predicted.set(d.id, out.clusterId)
    dupOf.set(d.id, out.duplicateOf)
  }
} else {
  const prefix = `score-dedupe-${Date.now()}`
  const store = new RedisStore({ url: redisUrl, prefix })
  const deduper = createDeduper(store)
  for (const d of docs) {
    const out = await deduper.assign({ articleId: d.id, text: d.text, title: d.title, ts: d.ts })
    predicted.set(d.id, out.clusterId)
    dupOf.set(d.id, out.duplicateOf)
  }
  await store.close()
  const admin = await connectRedis(redisUrl)
  const keys = await admin.keys(`{${prefix}}:*`)
  if (keys.length > 0) await admin.unlink(...keys)
  admin.disconnect()
}
const ms = performance.now() - started

const choose2 = (n: number) => (n * (n - 1)) / 2
const contingency = new Map<string, number>()
const truthSizes = new Map<string, number>()
const predSizes = new Map<string, number>()
for (const d of docs) {
  const p = predicted.get(d.id)!
  contingency.set(`${d.cluster}\u0000${p}`, (contingency.get(`${d.cluster}\u0000${p}`) ?? 0) + 1)
  truthSizes.set(d.cluster, (truthSizes.get(d.cluster) ?? 0) + 1)
  predSizes.set(p, (predSizes.get(p) ?? 0) + 1)
}
const tp = [...contingency.values()].reduce((s, n) => s + choose2(n), 0)
const truePairs = [...truthSizes.values()].reduce((s, n) => s + choose2(n), 0)
const predPairs = [...predSizes.values()].reduce((s, n) => s + choose2(n), 0)
const precision = predPairs === 0 ? 1 : tp / predPairs
const recall = truePairs === 0 ? 1 : tp / truePairs
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
const expected = (truePairs * predPairs) / choose2(docs.length)
const ari = (tp - expected) / ((truePairs + predPairs) / 2 - expected)

// Canonical agreement: for clusters predicted whole, is the labelled canonical the one we chose?
const canonOf = new Map<string, string>()
for (const d of docs) if (d.canonical === true) canonOf.set(d.cluster, d.id)
let canonRight = 0
let canonTotal = 0
const lastInCluster = new Map<string, Doc>()
for (const d of docs) lastInCluster.set(d.cluster, d)
for (const [cluster, last] of lastInCluster) {
  const labelled = canonOf.get(cluster)
  if (labelled === undefined || (truthSizes.get(cluster) ?? 0) < 2) continue
  canonTotal++
  if ((dupOf.get(last.id) ?? last.id) === labelled) canonRight++
}

console.log(`docs ${docs.length}  truth clusters ${truthSizes.size}  predicted clusters ${predSizes.size}`)
console.log(
  `pairwise P ${precision.toFixed(4)}  R ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  ARI ${ari.toFixed(4)}`,
)
console.log(
  `canonical agreement ${canonRight}/${canonTotal}  (${((docs.length / ms) * 1000).toFixed(0)} docs/s)`,
)

const byId = new Map(docs.map((d) => [d.id, d]))
const membersOf = (clusterId: string) => docs.filter((d) => predicted.get(d.id) === clusterId)
const merges = [...predSizes.keys()]
  .map((p) => ({ p, members: membersOf(p) }))
  .filter(({ members }) => new Set(members.map((d) => d.cluster)).size > 1)
  .map(({ p, members }) => {
    const sizes = new Map<string, number>()
    for (const d of members) sizes.set(d.cluster, (sizes.get(d.cluster) ?? 0) + 1)
    const counts = [...sizes.values()]
    const wrongPairs = choose2(members.length) - counts.reduce((s, n) => s + choose2(n), 0)
    return { p, members, wrongPairs }
  })
  .sort((a, b) => b.wrongPairs - a.wrongPairs)
console.log(`\nfalse merges: ${merges.length}`)
for (const m of merges.slice(0, worstN)) {
  console.log(`  predicted ${m.p}: ${m.wrongPairs} wrong pairs`)
  for (const d of m.members) console.log(`    ${d.id} truth=${d.cluster} ops=${(d.ops ?? []).join(',')}`)
}
const misses = [...truthSizes.keys()]
  .map((t) => {
    const members = docs.filter((d) => d.cluster === t)
    const parts = new Map<string, Doc[]>()
    for (const d of members) parts.set(predicted.get(d.id)!, [...(parts.get(predicted.get(d.id)!) ?? []), d])
    const sizes = [...parts.values()].map((p) => p.length)
    const missed = choose2(members.length) - sizes.reduce((s, n) => s + choose2(n), 0)
    return { t, parts, missed }
  })
  .filter((m) => m.missed > 0)
  .sort((a, b) => b.missed - a.missed)
console.log(`\nsplit clusters (misses): ${misses.length}`)
for (const m of misses.slice(0, worstN)) {
  console.log(`  truth ${m.t}: ${m.missed} missed pairs`)
  for (const [p, part] of m.parts) {
    const desc = part.map(
      (d) => `${d.id}[${(byId.get(d.id)?.ops ?? []).filter((o) => !o.startsWith('edit')).join(',')}]`,
    )
    console.log(`    -> ${p}: ${desc.join(' ')}`)
  }
}
