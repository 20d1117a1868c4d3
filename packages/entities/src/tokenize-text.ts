import type { Token } from './types.ts'

// Abbreviations whose final period belongs to the word, so "Mr." and "Inc." stay one token.
const abbreviations = new Set(
  (
    'mr mrs ms dr st jr sr inc corp ltd co gen col lt sgt gov sen rep rev prof no vs etc jan feb mar apr aug sep sept oct nov dec ' +
    'mt ft capt cmdr adm maj messrs bros plc univ dept est fig approx'
  ).split(' '),
)
const leadingPunct = /^[("'“‘[{«]+/
const trailingPunct = /[)"'”’\]},;:!?.»…]+$/
const initialsPattern = /^(?:[A-Za-z]\.){2,}$/
const closers = new Set(['"', "'", '”', '’', ')', ']'])
const clitic = /^(?:['’](?:s|re|ve|ll|d|m)|n't)$/i
const allPunct = /^[^\p{L}\p{N}]+$/u

/** Splits a body into word and punctuation tokens with offsets, CoNLL-style ("Putin's" -> "Putin" "'s"). */
export function tokenizeText(text: string): Token[] {
  const tokens: Token[] = []
  const chunk = /\S+/g
  let sentStart = true
  let lastEnd = 0
  for (let m = chunk.exec(text); m !== null; m = chunk.exec(text)) {
    if (text.slice(lastEnd, m.index).includes('\n')) sentStart = true
    lastEnd = m.index + m[0].length
    const before = tokens.length
    splitChunk(m[0], m.index, tokens)
    for (let i = before; i < tokens.length; i++) {
      const t = tokens[i] as Token
      t.sentStart = sentStart
      // A closing quote after a full stop leaves the next word sentence-initial.
      if (!closers.has(t.text)) sentStart = t.text === '.' || t.text === '!' || t.text === '?'
    }
  }
  return tokens
}

/** Splits one whitespace-free chunk into tokens, peeling punctuation off both ends. */
function splitChunk(chunk: string, offset: number, out: Token[]): void {
  let start = 0
  let end = chunk.length
  if (clitic.test(chunk) || allPunct.test(chunk)) {
    out.push(makeToken(chunk, offset))
    return
  }
  const lead = leadingPunct.exec(chunk)
  const leadLen = lead ? lead[0].length : 0
  for (let i = 0; i < leadLen; i++) out.push(makeToken(chunk[i] as string, offset + i))
  start = leadLen
  const trail: Token[] = []
  const tail = trailingPunct.exec(chunk.slice(start))
  if (tail) {
    let tailStart = end - tail[0].length
    const core = chunk.slice(start, tailStart)
    // Keep the period of "U.S." and "Mr." on the word; the sentence's own full stop still splits off.
    if (
      chunk[tailStart] === '.' &&
      (abbreviations.has(core.toLowerCase()) || initialsPattern.test(`${core}.`))
    ) {
      tailStart += 1
    }
    for (let i = tailStart; i < end; i++) trail.push(makeToken(chunk[i] as string, offset + i))
    end = tailStart
  }
  if (end > start) pushWord(chunk.slice(start, end), offset + start, out)
  out.push(...trail)
}

/** Pushes a word, splitting off possessive 's and n't. */
function pushWord(word: string, offset: number, out: Token[]): void {
  const poss = /^(.+?)(['’]s|n't)$/i.exec(word)
  if (poss && (poss[1] as string).length > 1) {
    const stem = poss[1] as string
    out.push(makeToken(stem, offset), makeToken(word.slice(stem.length), offset + stem.length))
    return
  }
  out.push(makeToken(word, offset))
}

function makeToken(text: string, start: number): Token {
  return { text, start, end: start + text.length, sentStart: false }
}
