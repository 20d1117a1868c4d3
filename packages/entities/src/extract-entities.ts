import { computeDocFeatures } from './features.ts'
import { loadGazetteer } from './gazetteer.ts'
import { groupEntities } from './group-entities.ts'
import { loadModel } from './load-model.ts'
import type { ExtractEntitiesOptions } from './options.ts'
import { resolveMention } from './resolve-mention.ts'
import { decodeGreedy, spansFromTags } from './tagger.ts'
import { tokenizeText } from './tokenize-text.ts'
import type { EntitiesResult, Mention, Token, TokenSpan } from './types.ts'

/**
 * Finds the people, organisations, countries and places an article body names, with offsets,
 * and groups them into entities with canonical names, ids and salience.
 */
export function extractEntities(text: string, options: ExtractEntitiesOptions = {}): EntitiesResult {
  const gaz = loadGazetteer()
  const model = loadModel()
  const tokens = tokenizeText(text)
  const tags = decodeGreedy(model, computeDocFeatures(tokens, gaz, model.mask))
  const mentions: Mention[] = []
  const covered = new Uint8Array(tokens.length)
  for (const span of mergeAdjacentPeople(spansFromTags(tags), tokens)) {
    const m = resolveMention(span, tokens, text, gaz)
    if (!m) continue
    mentions.push(m)
    covered.fill(1, span.start, span.end)
  }
  addDemonyms(tokens, covered, text, gaz, mentions)
  mentions.sort((a, b) => a.start - b.start)
  const entities = groupEntities(mentions, text, options.title ?? '')
  return { mentions, entities }
}

/**
 * Two people tagged side by side ("Kim" + "Yo Jong") are one person when the joined name is tagged
 * whole elsewhere in the document; otherwise they stay apart (results tables list names unseparated).
 */
function mergeAdjacentPeople(spans: TokenSpan[], tokens: Token[]): TokenSpan[] {
  const textOf = (s: number, e: number) =>
    tokens
      .slice(s, e)
      .map((t) => t.text)
      .join(' ')
  const people = new Set(spans.filter((s) => s.label === 'PER').map((s) => textOf(s.start, s.end)))
  const out: TokenSpan[] = []
  for (const s of spans) {
    const prev = out[out.length - 1]
    if (
      prev?.label === 'PER' &&
      s.label === 'PER' &&
      prev.end === s.start &&
      people.has(textOf(prev.start, s.end))
    )
      prev.end = s.end
    else out.push({ ...s })
  }
  return out
}

/** Demonyms the tagger left untagged ("two Russian individuals") still count for their country. */
function addDemonyms(
  tokens: Token[],
  covered: Uint8Array,
  text: string,
  gaz: ReturnType<typeof loadGazetteer>,
  out: Mention[],
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (covered[i] || !/^\p{Lu}/u.test(t.text)) continue
    // Two-word demonyms first ("North Korean"), then one word.
    const next = tokens[i + 1]
    const two = next && !covered[i + 1] ? `${t.text.toLowerCase()} ${next.text.toLowerCase()}` : ''
    let end = i + 1
    let cc = two ? gaz.demonyms.get(two) : undefined
    if (cc) end = i + 2
    else cc = gaz.demonyms.get(t.text.toLowerCase())
    if (!cc) continue
    const last = tokens[end - 1] as Token
    out.push({
      type: 'country',
      name: gaz.countryName.get(cc) ?? t.text,
      id: cc,
      start: t.start,
      end: last.end,
      text: text.slice(t.start, last.end),
      country: cc,
    })
    i = end - 1
  }
}
