/**
 * Scores the public API on CoNLL-2003 (entity-level exact match; person->PER, organisation->ORG,
 * country|location->LOC; MISC not scored; a country mention that overlaps a gold MISC span, a
 * demonym such as "Russian", is not counted against us).
 *
 *   pnpm tsx packages/entities/scripts/score-conll.ts ../shared/benchmarks/conll2003/valid.txt
 */
import { goldSpans, readConll } from './conll.ts'
import { rerunWithSourceCondition } from './source-condition.ts'

rerunWithSourceCondition()
const { extractEntities } = await import('../src/index.ts')

const path = process.argv[2]
if (!path) {
  console.error('usage: score-conll.ts <path to CoNLL-2003 valid.txt or test.txt>')
  process.exit(2)
}
const typeToLabel = { person: 'PER', organisation: 'ORG', country: 'LOC', location: 'LOC' } as const
const labels = ['PER', 'ORG', 'LOC'] as const
const stats = Object.fromEntries(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<
  string,
  { tp: number; fp: number; fn: number }
>
const worst: { errors: number; text: string; fp: string[]; fn: string[] }[] = []

const docs = readConll(path)
const t0 = performance.now()
for (const doc of docs) {
  const { mentions } = extractEntities(doc.text)
  const gold = goldSpans(doc)
  const misc = gold.filter((g) => g.label === 'MISC')
  const goldKeys = new Set(
    gold.filter((g) => g.label !== 'MISC').map((g) => `${g.start}:${g.end}:${g.label}`),
  )
  const predKeys = new Set<string>()
  for (const m of mentions) {
    const key = `${m.start}:${m.end}:${typeToLabel[m.type]}`
    const demonymOnMisc = m.type === 'country' && misc.some((g) => g.start < m.end && m.start < g.end)
    if (!goldKeys.has(key) && demonymOnMisc) continue
    predKeys.add(key)
  }
  const fp: string[] = []
  const fn: string[] = []
  const show = (k: string) => {
    const [s, e, l] = k.split(':')
    return `${doc.text.slice(Number(s), Number(e))}/${l}`
  }
  for (const k of predKeys) {
    const l = k.split(':')[2] as string
    if (goldKeys.has(k)) (stats[l] as { tp: number }).tp++
    else {
      ;(stats[l] as { fp: number }).fp++
      fp.push(show(k))
    }
  }
  for (const k of goldKeys) {
    if (predKeys.has(k)) continue
    ;(stats[k.split(':')[2] as string] as { fn: number }).fn++
    fn.push(show(k))
  }
  worst.push({ errors: fp.length + fn.length, text: doc.text.slice(0, 120).replace(/\n/g, ' / '), fp, fn })
}
const ms = performance.now() - t0

const prf = (s: { tp: number; fp: number; fn: number }) => {
  const p = s.tp / (s.tp + s.fp || 1)
  const r = s.tp / (s.tp + s.fn || 1)
  return { p, r, f: (2 * p * r) / (p + r || 1) }
}
const micro = { tp: 0, fp: 0, fn: 0 }
console.log(`documents ${docs.length}, ${(ms / 1000).toFixed(1)} s`)
for (const l of labels) {
  const s = stats[l] as { tp: number; fp: number; fn: number }
  micro.tp += s.tp
  micro.fp += s.fp
  micro.fn += s.fn
  const r = prf(s)
  console.log(
    `${l}  P ${r.p.toFixed(4)}  R ${r.r.toFixed(4)}  F1 ${r.f.toFixed(4)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn})`,
  )
}
const m = prf(micro)
console.log(`micro  P ${m.p.toFixed(4)}  R ${m.r.toFixed(4)}  F1 ${m.f.toFixed(4)}`)
console.log('\n20 worst documents:')
for (const w of worst.sort((a, b) => b.errors - a.errors).slice(0, 20)) {
  console.log(`- ${w.errors} errors: ${w.text}`)
  console.log(`    false positives: ${w.fp.slice(0, 12).join(', ')}`)
  console.log(`    missed: ${w.fn.slice(0, 12).join(', ')}`)
}
