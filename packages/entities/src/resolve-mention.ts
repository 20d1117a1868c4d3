import type { Gazetteer } from './gazetteer.ts'
import { slugify } from './slugify.ts'
import type { Mention, Token, TokenSpan } from './types.ts'

// Before these words a capital is a place someone is in ("talks in Beijing"); elsewhere a capital
// is usually its government ("Moscow and Pyongyang have denied"), so it stands for the country.
const locativeWords = new Set([
  'in',
  'at',
  'to',
  'from',
  'near',
  'outside',
  'into',
  'across',
  'around',
  'via',
  'of',
  'visit',
  'visited',
  'visiting',
  'arrived',
  'left',
  'based',
])
const titleWords = new Set([
  'president',
  'prime',
  'minister',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sir',
  'leader',
  'chancellor',
  'king',
  'queen',
  'general',
  'gen.',
  'senator',
  'sen.',
  'governor',
  'gov.',
])

/** A span the tagger found, resolved to a typed mention with a provisional name and id. */
export function resolveMention(
  span: TokenSpan,
  tokens: Token[],
  text: string,
  gaz: Gazetteer,
): Mention | undefined {
  let s = span.start
  let e = span.end
  if (span.label === 'PER') while (s < e - 1 && titleWords.has((tokens[s] as Token).text.toLowerCase())) s++
  // A lower-case "the" is never part of a name; a capital one can be ("The Hague").
  if ((tokens[s] as Token).text === 'the' && e - s > 1) s++
  // Neither a possessive nor a trailing common word ("Xinhua news") belongs to the name.
  while (e - 1 > s && /^(?:['’]s?|\p{Ll}.*)$/u.test((tokens[e - 1] as Token).text)) e--
  const start = (tokens[s] as Token).start
  const end = (tokens[e - 1] as Token).end
  const surface = text.slice(start, end)
  if (!/\p{L}/u.test(surface)) return undefined
  const key = tokens
    .slice(s, e)
    .map((t) => t.text.toLowerCase())
    .join(' ')
  const base = { start, end, text: surface }
  const country = (cc: string, extra: Partial<Mention> = {}): Mention => ({
    type: 'country',
    name: gaz.countryName.get(cc) ?? surface,
    id: cc,
    ...base,
    country: cc,
    ...extra,
  })
  if (span.label === 'MISC') {
    const cc = gaz.demonyms.get(key)
    return cc ? country(cc) : undefined
  }
  if (span.label === 'LOC') {
    const cc = gaz.countryByName.get(key) ?? gaz.demonyms.get(key)
    if (cc) return country(cc)
  }
  if (span.label === 'ORG') {
    // A capital or a country tagged as an organisation is its government ("Pyongyang had no
    // intention", "US Secretary of State").
    const cc = gaz.capitals.get(key) ?? gaz.countryByName.get(key)
    if (cc) return country(cc)
  }
  if (span.label === 'LOC') {
    const capitalOf = gaz.capitals.get(key)
    const before = s > 0 ? (tokens[s - 1] as Token).text.toLowerCase() : ''
    if (capitalOf && !locativeWords.has(before)) return country(capitalOf)
    const place = gaz.places.get(key)
    if (place) {
      return {
        type: 'location',
        name: place.name,
        id: `place:${place.country.toLowerCase()}:${slugify(place.name)}`,
        ...base,
        country: place.country,
      }
    }
    return { type: 'location', name: surface, id: `place:${slugify(surface)}`, ...base }
  }
  if (span.label === 'ORG') {
    const org = gaz.orgs.get(key)
    if (org) return { type: 'organisation', name: org.name, id: org.id, ...base }
    return { type: 'organisation', name: surface, id: `org:${slugify(surface)}`, ...base }
  }
  return { type: 'person', name: surface, id: `person:${slugify(surface)}`, ...base }
}
