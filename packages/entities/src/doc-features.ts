import { type DocFeatures, hashFeature } from './features.ts'
import { Tags } from './types.ts'

const labelOf = ['O', 'PER', 'PER', 'ORG', 'ORG', 'LOC', 'LOC', 'MISC', 'MISC'] as const

/**
 * Second-pass features: what the first pass said about this token, its neighbours, and every other
 * occurrence of the same word in the document. This is how "Pirelli" in a headline learns from
 * "Pirelli SpA" further down, and how one document stops calling the same name PER and ORG.
 */
export function addDocumentFeatures(doc: DocFeatures, firstPass: Uint8Array, mask: number): DocFeatures {
  const n = doc.lower.length
  const counts = new Map<string, number[]>()
  for (let i = 0; i < n; i++) {
    if (!doc.capital[i]) continue
    const l = doc.lower[i] as string
    const c = counts.get(l) ?? [0, 0, 0, 0, 0]
    const label = labelOf[firstPass[i] as number] as string
    const slot = label === 'O' ? 0 : label === 'PER' ? 1 : label === 'ORG' ? 2 : label === 'LOC' ? 3 : 4
    c[slot] = (c[slot] ?? 0) + 1
    counts.set(l, c)
  }
  const names = ['O', 'PER', 'ORG', 'LOC', 'MISC']
  const buckets: number[] = []
  const offsets = new Int32Array(n + 1)
  const f = (s: string) => buckets.push(hashFeature(s) & mask)
  for (let i = 0; i < n; i++) {
    offsets[i] = buckets.length
    for (let j = doc.offsets[i] as number; j < (doc.offsets[i + 1] as number); j++)
      buckets.push(doc.buckets[j] as number)
    const self = Tags[firstPass[i] as number] as string
    f(`f0=${self}`)
    f(`f-1=${i > 0 ? Tags[firstPass[i - 1] as number] : '<s>'}|${self}`)
    f(`f+1=${self}|${i + 1 < n ? Tags[firstPass[i + 1] as number] : '</s>'}`)
    if (!doc.capital[i]) continue
    const c = counts.get(doc.lower[i] as string)
    if (!c) continue
    let total = 0
    let best = 0
    for (let k = 0; k < 5; k++) {
      total += c[k] as number
      if ((c[k] as number) > (c[best] as number)) best = k
    }
    if (total < 2) {
      f('dsingle')
      continue
    }
    f(`dmaj=${names[best]}`)
    f(`dmaj=${names[best]}|${self}`)
    for (let k = 1; k < 5; k++) if (c[k]) f(`dhas=${names[k]}`)
  }
  offsets[n] = buckets.length
  return { ...doc, buckets: Int32Array.from(buckets), offsets }
}
