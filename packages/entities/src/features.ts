import {
  collectDocForms,
  markCapitalRuns,
  markCapsLines,
  markTableLines,
  matchGazetteer,
} from './document-marks.ts'
import { type Gazetteer, Gz } from './gazetteer.ts'
import { hashFeature, mix } from './hashing.ts'
import type { Token } from './types.ts'

export { hashFeature, mix }

/** Static (tag-independent) feature buckets of one document, flattened: token i owns [offsets[i], offsets[i+1]). */
export interface DocFeatures {
  buckets: Int32Array
  offsets: Int32Array
  /** lowercased token texts, reused by the dynamic features */
  lower: string[]
  /** hash of each lowercased token, for the tag-history features */
  wordHash: Uint32Array
  /** does the token start with a capital letter (or is it all caps)? */
  capital: Uint8Array
  /** 1 for a token with no capital letter anywhere ("said", ",", "1996"): after O it stays O */
  plain: Uint8Array
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

const T = Object.fromEntries(
  (
    'b w l s p x l-1 l+1 l-2 l+2 s-1 s+1 ss ll- ll+ st w-1 w+1 ls+1 s-1l run runEnd runStart runPrev runNext caps allcaps ' +
    'c64 c256 c1024 c1024cap c-1 c+1 g gc gw topic topicg table prevTitle nextOrgSuffix drunEnd drunPrev drunIn doc:title doc:lower doc:none bos eos'
  )
    .split(' ')
    .map((name) => [name, hashFeature(name)]),
) as Record<string, number>
const BOS = T.bos as number
const EOS = T.eos as number

/** What the features need to know about one word form; cached across documents. */
interface WordInfo {
  raw: number
  lower: number
  shape: number
  capital: number
  /** gazetteer bits of the word on its own */
  bits: number
  /** the word's finest cluster (see Gazetteer.clusters), or -1 for a word without one */
  cluster: number
  /** the word's own features (form, affixes, shape, gazetteer), unmasked */
  own: number[]
}

// Bounded and cleared when full: ~350 bytes a word, so 20,000 words hold ~7 MB and cover the
// frequent vocabulary; at 200,000 a long-running service kept ~70 MB of rare names and typos.
const wordCache = new Map<string, WordInfo>()
const maxCachedWords = 20_000

function describeWord(w: string, gaz: Gazetteer): WordInfo {
  let info = wordCache.get(w)
  if (info) return info
  const l = w.toLowerCase()
  const shape = hashFeature(shapeOf(w))
  const raw = hashFeature(w)
  const lower = hashFeature(l)
  const capital = upper.test(w.charAt(0)) ? 1 : 0
  const bits = gaz.phrases.get(l) ?? 0
  const own = [T.b as number, mix(T.w as number, raw), mix(T.l as number, lower), mix(T.s as number, shape)]
  for (let k = 1; k <= 4 && k < l.length; k++) {
    own.push(
      mix(mix(T.p as number, k), hashFeature(l.slice(0, k))),
      mix(mix(T.x as number, k), hashFeature(l.slice(-k))),
    )
  }
  if (w.length > 1 && !lowerRe.test(w) && upper.test(w)) own.push(mix(T.allcaps as number, lower))
  for (let b = 0; b < bitNames.length; b++)
    if (bits & (bitNames[b] as readonly [string, number])[1]) own.push(mix(T.gw as number, b * 2 + capital))
  const packed = gaz.clusters.get(lower)
  const cluster = packed < 0 ? -1 : packed & 1023
  if (packed >= 0) {
    own.push(
      mix(T.c64 as number, packed >>> 18),
      mix(T.c256 as number, (packed >>> 10) & 255),
      mix(T.c1024 as number, cluster),
      mix(T.c1024cap as number, cluster * 2 + capital),
    )
  }
  info = { raw, lower, shape, capital, bits, cluster, own }
  if (wordCache.size >= maxCachedWords) wordCache.clear()
  wordCache.set(w, info)
  return info
}

/**
 * Computes the static features of every token once; the tagger adds tag-history features per step.
 * Training passes `everyToken` (it learns from plain words too); inference skips what it won't score.
 */
export function computeDocFeatures(
  tokens: Token[],
  gaz: Gazetteer,
  mask: number,
  everyToken = false,
): DocFeatures {
  const n = tokens.length
  const words = tokens.map((t) => describeWord(t.text, gaz))
  const lower = tokens.map((t) => t.text.toLowerCase())
  const capital = Uint8Array.from(words, (w) => w.capital)
  const gzBits = matchGazetteer(lower, gaz)
  const capsLine = markCapsLines(tokens)
  const docForms = collectDocForms(tokens, lower)
  const runs = markCapitalRuns(tokens, capital, lower)
  const runContexts = collectRunContexts(tokens, words, runs, capsLine)
  const tableLine = markTableLines(tokens)
  // The first word of a document often names its genre ("SOCCER -", "CRICKET -"), and in a sports
  // story a city is usually a team: the tagger may condition capitalised words on it.
  const topic = n > 0 ? (words[0] as WordInfo).lower : 0
  let buckets = new Int32Array(n * 48 + 16)
  let k = 0
  const offsets = new Int32Array(n + 1)
  const f = (h: number) => {
    if (k === buckets.length) {
      const grown = new Int32Array(buckets.length * 2)
      grown.set(buckets)
      buckets = grown
    }
    buckets[k++] = h & mask
  }
  const at = (i: number) => words[i] as WordInfo
  const plain = Uint8Array.from(tokens, (t) => (upper.test(t.text) ? 0 : 1))
  for (let i = 0; i < n; i++) {
    offsets[i] = k
    // The tagger only scores a plain word inside an entity ("Bank of the West"), so a plain word
    // more than three plain words away from a capitalised one gets no features at all.
    if (
      !everyToken &&
      plain[i] &&
      (i < 1 || plain[i - 1]) &&
      (i < 2 || plain[i - 2]) &&
      (i < 3 || plain[i - 3])
    )
      continue
    const wi = at(i)
    for (const h of wi.own) f(h)
    const start = (tokens[i] as Token).sentStart
    const nextStart = i + 1 >= n || (tokens[i + 1] as Token).sentStart
    const lp = start ? BOS : at(i - 1).lower
    const sp = start ? BOS : at(i - 1).shape
    const ln = nextStart ? EOS : at(i + 1).lower
    const sn = nextStart ? EOS : at(i + 1).shape
    const lp2 = start || i < 2 || (tokens[i - 1] as Token).sentStart ? BOS : at(i - 2).lower
    const ln2 = nextStart || i + 2 >= n || (tokens[i + 2] as Token).sentStart ? EOS : at(i + 2).lower
    f(mix(T['l-1'] as number, lp))
    f(mix(T['l+1'] as number, ln))
    f(mix(T['l-2'] as number, lp2))
    f(mix(T['l+2'] as number, ln2))
    f(mix(T['s-1'] as number, sp))
    f(mix(T['s+1'] as number, sn))
    f(mix(mix(mix(T.ss as number, sp), wi.shape), sn))
    f(mix(mix(T['ll-'] as number, lp), wi.lower))
    f(mix(mix(T['ll+'] as number, wi.lower), ln))
    if (start) f(mix(T.st as number, wi.shape))
    f(mix(T['w-1'] as number, start ? BOS : at(i - 1).raw))
    f(mix(T['w+1'] as number, nextStart ? EOS : at(i + 1).raw))
    f(mix(mix(T['ls+1'] as number, wi.lower), sn))
    f(mix(mix(T['s-1l'] as number, sp), wi.lower))
    f(mix(T['c-1'] as number, start ? -2 : at(i - 1).cluster))
    f(mix(T['c+1'] as number, nextStart ? -2 : at(i + 1).cluster))
    const runStart = runs[i] as number
    if (runStart >= 0 && !capsLine[i]) {
      const runEnd = runs[n + i] as number
      const len = runEnd - runStart
      f(mix(T.run as number, Math.min(len, 4) * 4 + (i === runStart ? 0 : i === runEnd - 1 ? 1 : 2)))
      if (len > 1) {
        f(mix(T.runEnd as number, at(runEnd - 1).lower))
        f(mix(T.runStart as number, at(runStart).lower))
      }
      f(
        mix(
          T.runPrev as number,
          runStart > 0 && !(tokens[runStart] as Token).sentStart ? at(runStart - 1).lower : BOS,
        ),
      )
      f(mix(T.runNext as number, runEnd < n && !(tokens[runEnd] as Token).sentStart ? at(runEnd).lower : EOS))
    }
    if (capsLine[i]) f(mix(T.caps as number, wi.shape))
    if (tableLine[i]) f(mix(T.table as number, wi.shape))
    if (wi.capital && i > 0) f(mix(T.topic as number, topic))
    const bits = gzBits[i] as number
    if (bits) {
      const pos = gzBits[n + i] as number
      for (let b = 0; b < bitNames.length; b++) {
        if (!(bits & (bitNames[b] as readonly [string, number])[1])) continue
        f(mix(T.g as number, b * 2 + (pos === 1 ? 0 : 1)))
        if (wi.capital) f(mix(T.gc as number, b))
        if (wi.capital && i > 0) f(mix(mix(T.topicg as number, topic), b))
      }
    }
    if (!start && at(i - 1).bits & Gz.title) f(T.prevTitle as number)
    if (!nextStart && at(i + 1).bits & Gz.orgSuffix) f(T.nextOrgSuffix as number)
    for (const h of runContexts.get(lower[i] as string) ?? []) f(h)
    if (wi.capital && (start || capsLine[i])) {
      const forms = docForms.get(lower[i] as string) ?? 0
      if (forms & 1) f(T['doc:title'] as number)
      if (forms & 2) f(T['doc:lower'] as number)
      if (!forms) f(T['doc:none'] as number)
    }
  }
  offsets[n] = k
  return {
    buckets: buckets.subarray(0, k),
    offsets,
    lower,
    wordHash: Uint32Array.from(words, (w) => w.lower),
    capital,
    plain,
  }
}

/**
 * For each capitalised word, the ends and left neighbours of every run it stands in anywhere in
 * the document, so "Pirelli" in a headline knows about "Pirelli SpA" and "President Pirelli".
 */
function collectRunContexts(
  tokens: Token[],
  words: WordInfo[],
  runs: Int32Array,
  capsLine: Uint8Array,
): Map<string, Set<number>> {
  const n = tokens.length
  const out = new Map<string, Set<number>>()
  const lowerOf = (i: number) => (words[i] as WordInfo).lower
  for (let i = 0; i < n; i++) {
    const start = runs[i] as number
    if (start < 0 || capsLine[i]) continue
    const end = runs[n + i] as number
    const key = (tokens[i] as Token).text.toLowerCase()
    const set = out.get(key) ?? new Set<number>()
    if (end - start > 1 && i !== end - 1) set.add(mix(T.drunEnd as number, lowerOf(end - 1)))
    if (i === start && start > 0 && !(tokens[start] as Token).sentStart)
      set.add(mix(T.drunPrev as number, lowerOf(start - 1)))
    if (i > start) set.add(mix(T.drunIn as number, lowerOf(start)))
    out.set(key, set)
  }
  return out
}
