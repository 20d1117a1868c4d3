import { goldSpans, readConll } from '/work/main/packages/entities/scripts/conll.ts'
import { extractEntities } from '/work/main/packages/entities/src/index.ts'

const L = { person: 'PER', organisation: 'ORG', country: 'LOC', location: 'LOC' } as const
const cats: Record<string, number> = {}
const conf: Record<string, number> = {}
for (const doc of readConll('/work/shared/benchmarks/conll2003/valid.txt')) {
  const pred = extractEntities(doc.text).mentions.map((m) => ({
    start: m.start,
    end: m.end,
    label: L[m.type] as string,
  }))
  const gold = goldSpans(doc)
  for (const g of gold) {
    if (g.label === 'MISC') continue
    const exact = pred.find((p) => p.start === g.start && p.end === g.end)
    let c: string
    if (exact && exact.label === g.label) continue
    if (exact) {
      c = `type ${g.label}->${exact.label}`
      conf[c] = (conf[c] ?? 0) + 1
    } else if (pred.some((p) => p.start < g.end && g.start < p.end)) c = `boundary ${g.label}`
    else c = `missed ${g.label}`
    cats[c.startsWith('type') ? 'type' : c] = (cats[c.startsWith('type') ? 'type' : c] ?? 0) + 1
  }
  for (const p of pred) {
    if (gold.some((g) => g.start < p.end && p.start < g.end)) continue
    const c = `spurious ${p.label}`
    cats[c] = (cats[c] ?? 0) + 1
  }
}
console.log(cats, conf)
