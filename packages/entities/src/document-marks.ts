import type { Gazetteer } from './gazetteer.ts'
import type { Token } from './types.ts'

// Document-level marks the feature extractor reads: gazetteer matches, capitalised runs,
// headline and table lines, and the case forms each word takes in the document.
const upper = /\p{Lu}/u
const lowerRe = /\p{Ll}/u

/**
 * Greedy longest match of gazetteer phrases. Returns Gz bits per token in [0, n) and
 * 1 (first token of the match) or 2 (inside) in [n, 2n).
 */
export function matchGazetteer(lower: string[], gaz: Gazetteer): Int32Array {
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
export function markCapitalRuns(tokens: Token[], capital: Uint8Array, lower: string[]): Int32Array {
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

/** Marks tokens of lines that are mostly numbers (results tables, price lists). */
export function markTableLines(tokens: Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length)
  let s = 0
  while (s < tokens.length) {
    let e = s + 1
    while (e < tokens.length && !(tokens[e] as Token).sentStart) e++
    let digits = 0
    for (let i = s; i < e; i++) if (/\d/.test((tokens[i] as Token).text)) digits++
    if (digits / (e - s) > 0.3) out.fill(1, s, e)
    s = e
  }
  return out
}

/** Marks tokens of lines written mostly in capitals (headlines), where case says nothing. */
export function markCapsLines(tokens: Token[]): Uint8Array {
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
export function collectDocForms(tokens: Token[], lower: string[]): Map<string, number> {
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
