import { type Gazetteer, Gz } from './gazetteer.ts'
import type { Token } from './types.ts'

/** Static (tag-independent) feature buckets of one document, flattened: token i owns [offsets[i], offsets[i+1]). */
export interface DocFeatures {
  buckets: Int32Array
  offsets: Int32Array
  /** lowercased token texts, reused by the dynamic features */
  lower: string[]
  /** does the token start with a capital letter (or is it all caps)? */
  capital: Uint8Array
}

/** FNV-1a, 32 bit: cheap and good enough to spread feature strings over the weight table. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Word shape with runs collapsed: "Kim" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d". */
export function shapeOf(w: string): string {
  let out = ''
  let last = ''
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    let s: string
    if (c >= 65 && c <= 90) s = 'X'
    else if (c >= 97 && c <= 122) s = 'x'
    else if (c >= 48 && c <= 57) s = 'd'
    else if (w[i] !== (w[i] as string).toLowerCase()) s = 'X'
    else if (w[i] !== (w[i] as string).toUpperCase()) s = 'x'
    else s = w[i] as string
    if (s !== last) out += s
    last = s
  }
  return out
}

const bitNames = Object.entries(Gz).map(([name, bit]) => [name, bit] as const)
const upper = /\p{Lu}/u
const lowerRe = /\p{Ll}/u

/** Computes the static features of every token once; the tagger adds tag-history features per step. */
export function computeDocFeatures(tokens: Token[], gaz: Gazetteer, mask: number): DocFeatures {
  const n = tokens.length
  const lower = tokens.map((t) => t.text.toLowerCase())
  const shapes = tokens.map((t) => shapeOf(t.text))
  const capital = new Uint8Array(n)
  for (let i = 0; i < n; i++) capital[i] = upper.test((tokens[i] as Token).text.charAt(0)) ? 1 : 0
  const gzBits = matchGazetteer(lower, gaz)
  const capsLine = markCapsLines(tokens)
  const docForms = collectDocForms(tokens, lower)
  const runs = markCapitalRuns(tokens, capital, lower)
  const runContexts = collectRunContexts(tokens, lower, runs, capsLine)
  const buckets: number[] = []
  const offsets = new Int32Array(n + 1)
  const f = (s: string) => buckets.push(hashFeature(s) & mask)
  for (let i = 0; i < n; i++) {
    offsets[i] = buckets.length
    const t = tokens[i] as Token
    const w = t.text
    const l = lower[i] as string
    const s = shapes[i] as string
    const start = t.sentStart
    const lp = start ? '<s>' : (lower[i - 1] ?? '<s>')
    const sp = start ? '<s>' : (shapes[i - 1] ?? '<s>')
    const nextStart = i + 1 >= n || (tokens[i + 1] as Token).sentStart
    const ln = nextStart ? '</s>' : (lower[i + 1] as string)
    const sn = nextStart ? '</s>' : (shapes[i + 1] as string)
    const lp2 = start || i < 2 || (tokens[i - 1] as Token).sentStart ? '<s>' : (lower[i - 2] as string)
    const ln2 =
      nextStart || i + 2 >= n || (tokens[i + 2] as Token).sentStart ? '</s>' : (lower[i + 2] as string)
    f('b')
    f(`w=${w}`)
    f(`l=${l}`)
    f(`s=${s}`)
    for (let k = 1; k <= 4 && k < l.length; k++) {
      f(`p${k}=${l.slice(0, k)}`)
      f(`x${k}=${l.slice(-k)}`)
    }
    f(`l-1=${lp}`)
    f(`l+1=${ln}`)
    f(`l-2=${lp2}`)
    f(`l+2=${ln2}`)
    f(`s-1=${sp}`)
    f(`s+1=${sn}`)
    f(`ss=${sp}|${s}|${sn}`)
    f(`ll-=${lp}|${l}`)
    f(`ll+=${l}|${ln}`)
    if (start) f(`st|s=${s}`)
    f(`w-1=${start ? '<s>' : (tokens[i - 1] as Token).text}`)
    f(`w+1=${nextStart ? '</s>' : (tokens[i + 1] as Token).text}`)
    f(`l|s+1=${l}|${sn}`)
    f(`s-1|l=${sp}|${l}`)
    const runStart = runs[i] as number
    if (runStart >= 0 && !capsLine[i]) {
      const runEnd = runs[n + i] as number
      const len = runEnd - runStart
      f(`run=${Math.min(len, 4)}|${i === runStart ? 'B' : i === runEnd - 1 ? 'E' : 'I'}`)
      if (len > 1) {
        f(`runEnd=${lower[runEnd - 1]}`)
        f(`runStart=${lower[runStart]}`)
      }
      f(`runPrev=${runStart > 0 && !(tokens[runStart] as Token).sentStart ? lower[runStart - 1] : '<s>'}`)
      f(`runNext=${runEnd < n && !(tokens[runEnd] as Token).sentStart ? lower[runEnd] : '</s>'}`)
    }
    if (capsLine[i]) f(`caps|s=${s}`)
    if (w.length > 1 && !lowerRe.test(w) && upper.test(w)) {
      f(`allcaps|l=${l}`)
    }
    const bits = gzBits[i] as number
    const pos = gzBits[n + i] as number
    for (const [name, bit] of bitNames) {
      if (bits & bit) f(`g=${name}${pos === 1 ? 'B' : 'I'}`)
      if (bits & bit && capital[i]) f(`gc=${name}`)
    }
    const word = gaz.phrases.get(l) ?? 0
    for (const [name, bit] of bitNames) if (word & bit) f(`gw=${name}|${capital[i]}`)
    if (i > 0 && !start) {
      const prev = gaz.phrases.get(lower[i - 1] as string) ?? 0
      if (prev & Gz.title) f('prevTitle')
    }
    if (!nextStart) {
      const next = gaz.phrases.get(ln) ?? 0
      if (next & Gz.orgSuffix) f('nextOrgSuffix')
    }
    for (const ctx of runContexts.get(l) ?? []) f(ctx)
    if (capital[i] && (start || capsLine[i])) {
      const forms = docForms.get(l) ?? 0
      if (forms & 1) f('doc:title')
      if (forms & 2) f('doc:lower')
      if (!forms) f('doc:none')
    }
  }
  offsets[n] = buckets.length
  return { buckets: Int32Array.from(buckets), offsets, lower, capital }
}

/**
 * Greedy longest match of gazetteer phrases. Returns Gz bits per token in [0, n) and
 * 1 (first token of the match) or 2 (inside) in [n, 2n).
 */
function matchGazetteer(lower: string[], gaz: Gazetteer): Int32Array {
  const n = lower.length
  const out = new Int32Array(2 * n)
  let i = 0
  while (i < n) {
    let key = lower[i] as string
    let bestEnd = -1
    let bestBits = 0
    for (let j = i; j < n; ) {
      const bits = gaz.phrases.get(key)
      if (bits !== undefined) {
        bestEnd = j + 1
        bestBits = bits
      }
      if (!gaz.prefixes.has(key) || ++j >= n) break
      key = `${key} ${lower[j]}`
    }
    if (bestEnd < 0) {
      i++
      continue
    }
    for (let k = i; k < bestEnd; k++) {
      out[k] = bestBits
      out[n + k] = k === i ? 1 : 2
    }
    i = bestEnd
  }
  return out
}

const connectors = new Set([
  '&',
  'of',
  'de',
  'and',
  'van',
  'von',
  'der',
  'del',
  'la',
  'du',
  'al',
  'bin',
  "'s",
])

/**
 * Capitalised runs ("Douglas & Lomason Co", "Bank of England"): per token the run's start in
 * [0, n) and its end in [n, 2n), or -1. Connectors only count between two capitalised words.
 */
function markCapitalRuns(tokens: Token[], capital: Uint8Array, lower: string[]): Int32Array {
  const n = tokens.length
  const out = new Int32Array(2 * n).fill(-1)
  let i = 0
  while (i < n) {
    if (!capital[i]) {
      i++
      continue
    }
    let end = i + 1
    while (end < n && !(tokens[end] as Token).sentStart) {
      if (capital[end]) end++
      else if (
        connectors.has(lower[end] as string) &&
        end + 1 < n &&
        capital[end + 1] &&
        !(tokens[end + 1] as Token).sentStart
      )
        end += 2
      else break
    }
    for (let k = i; k < end; k++) {
      out[k] = i
      out[n + k] = end
    }
    i = end
  }
  return out
}

/**
 * For each capitalised word, the ends and left neighbours of every run it stands in anywhere in
 * the document, so "Pirelli" in a headline knows about "Pirelli SpA" and "President Pirelli".
 */
function collectRunContexts(
  tokens: Token[],
  lower: string[],
  runs: Int32Array,
  capsLine: Uint8Array,
): Map<string, Set<string>> {
  const n = tokens.length
  const out = new Map<string, Set<string>>()
  for (let i = 0; i < n; i++) {
    const start = runs[i] as number
    if (start < 0 || capsLine[i]) continue
    const end = runs[n + i] as number
    const set = out.get(lower[i] as string) ?? new Set<string>()
    if (end - start > 1 && i !== end - 1) set.add(`drunEnd=${lower[end - 1]}`)
    if (i === start && start > 0 && !(tokens[start] as Token).sentStart)
      set.add(`drunPrev=${lower[start - 1]}`)
    if (i > start) set.add(`drunIn=${lower[start]}`)
    out.set(lower[i] as string, set)
  }
  return out
}

/** Marks tokens of lines written mostly in capitals (headlines), where case says nothing. */
function markCapsLines(tokens: Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length)
  let s = 0
  while (s < tokens.length) {
    let e = s + 1
    while (e < tokens.length && !(tokens[e] as Token).sentStart) e++
    let caps = 0
    let letters = 0
    for (let i = s; i < e; i++) {
      const w = (tokens[i] as Token).text
      if (!/\p{L}/u.test(w)) continue
      letters++
      if (!lowerRe.test(w)) caps++
    }
    if (letters >= 2 && caps / letters > 0.6) out.fill(1, s, e)
    s = e
  }
  return out
}

/** For each lowercased word: bit 1 if seen title-cased mid-sentence, bit 2 if seen in lower case. */
function collectDocForms(tokens: Token[], lower: string[]): Map<string, number> {
  const forms = new Map<string, number>()
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (t.sentStart) continue
    const c = t.text.charAt(0)
    const bit = upper.test(c) && lowerRe.test(t.text) ? 1 : lowerRe.test(c) ? 2 : 0
    if (bit) forms.set(lower[i] as string, (forms.get(lower[i] as string) ?? 0) | bit)
  }
  return forms
}
