import { createRequire } from 'node:module'
import { defaultWordClusters, type WordClusters } from '@copydesk/word-clusters'
import nlp from 'compromise'
import { extraCountryNames, extraDemonyms, extraPlaces, personTitles } from './gazetteer-data.ts'
import { organisationSuffixes, organisations } from './organisations.ts'
import { tokenizeText } from './tokenize-text.ts'

/** Bit flags a gazetteer phrase or word carries; the tagger sees them as features. */
export const Gz = {
  country: 1,
  demonym: 2,
  city: 4,
  region: 8,
  org: 16,
  team: 32,
  person: 64,
  first: 128,
  last: 256,
  title: 512,
  orgSuffix: 1024,
  place: 2048,
} as const

/** A place below country level and the country it lies in. */
export interface Place {
  name: string
  country: string
}

/** Lookups built once per process from the data packages, compromise's lexicon and curated lists. */
export interface Gazetteer {
  /** lowercased token-joined phrase -> Gz bits */
  phrases: Map<string, number>
  /** every proper prefix of a phrase, so longest-match can stop early */
  prefixes: Set<string>
  countryByName: Map<string, string>
  countryName: Map<string, string>
  demonyms: Map<string, string>
  places: Map<string, Place>
  /** capital city phrase key -> ISO code of the state it governs */
  capitals: Map<string, string>
  orgs: Map<string, { id: string; name: string }>
  /** word clusters from GloVe vectors, by the hash of the lowercased word */
  clusters: WordClusters
}

interface WorldCountry {
  cca2: string
  independent: boolean | null
  name: { common: string; official: string }
  altSpellings: string[]
  capital?: string[]
  demonyms?: { eng?: { f: string; m: string } }
}
interface CityRow {
  city: string
  city_ascii: string
  pop: number
  iso2: string
  province: string
}

const require = createRequire(import.meta.url)
const latinOnly = /^[\p{Script=Latin}\p{N}\s.'’&-]+$/u
let cached: Gazetteer | undefined

/** Turns a name into the key the tagger's tokens produce ("U.S. Steel" -> "u.s. steel"). */
export function toPhraseKey(name: string): string {
  return tokenizeText(name)
    .map((t) => t.text.toLowerCase())
    .join(' ')
}

/** Loads (once) and returns the gazetteer. */
export function loadGazetteer(): Gazetteer {
  cached ??= buildGazetteer()
  return cached
}

function buildGazetteer(): Gazetteer {
  const g: Gazetteer = {
    phrases: new Map(),
    prefixes: new Set(),
    countryByName: new Map(),
    countryName: new Map(),
    demonyms: new Map(),
    places: new Map(),
    capitals: new Map(),
    orgs: new Map(),
    clusters: defaultWordClusters(),
  }
  const add = (name: string, bit: number): string => {
    const key = toPhraseKey(name)
    if (!key) return key
    g.phrases.set(key, (g.phrases.get(key) ?? 0) | bit)
    const parts = key.split(' ')
    for (let i = 1; i < parts.length; i++) g.prefixes.add(parts.slice(0, i).join(' '))
    return key
  }
  addCountries(g, add)
  addPlaces(g, add)
  for (const [name, id, aliases] of organisations) {
    for (const alias of [name, ...aliases]) {
      const key = add(alias, Gz.org)
      if (!g.orgs.has(key)) g.orgs.set(key, { id: `org:${id}`, name })
    }
  }
  for (const s of organisationSuffixes) add(s, Gz.orgSuffix)
  for (const t of personTitles) add(t, Gz.title)
  addCompromiseLexicon(add)
  return g
}

type AddFn = (name: string, bit: number) => string

function addCountries(g: Gazetteer, add: AddFn): void {
  const countries = require('world-countries') as WorldCountry[]
  // Independent states first, so a shared name or demonym goes to the state, not a territory.
  const ordered = [...countries].sort(
    (a, b) => Number(b.independent ?? false) - Number(a.independent ?? false),
  )
  const setOnce = (map: Map<string, string>, key: string, cc: string) => {
    if (key && !map.has(key)) map.set(key, cc)
  }
  for (const c of ordered) {
    g.countryName.set(c.cca2, c.name.common)
    const names = [c.name.common, c.name.official, ...c.altSpellings].filter(
      (n) => latinOnly.test(n) && !n.includes(',') && (n.length > 2 || n === 'US' || n === 'UK'),
    )
    for (const n of names) setOnce(g.countryByName, add(n, Gz.country), c.cca2)
    const dem = c.demonyms?.eng
    for (const d of dem ? new Set([dem.m, dem.f]) : []) {
      if (!d || !latinOnly.test(d)) continue
      setOnce(g.demonyms, add(d, Gz.demonym), c.cca2)
      if (/an$/.test(d)) setOnce(g.demonyms, add(`${d}s`, Gz.demonym), c.cca2)
    }
    for (const cap of c.capital ?? []) {
      const key = add(cap, Gz.city)
      if (!g.places.has(key)) g.places.set(key, { name: cap, country: c.cca2 })
      if (c.independent && !g.capitals.has(key)) g.capitals.set(key, c.cca2)
    }
  }
  g.capitals.set('washington', 'US')
  for (const [n, cc] of extraCountryNames) g.countryByName.set(add(n, Gz.country), cc)
  for (const [d, cc] of extraDemonyms) g.demonyms.set(add(d, Gz.demonym), cc)
  // A capital that shares its country's name (Singapore, Kuwait) is read as the country.
  for (const key of g.capitals.keys()) if (g.countryByName.has(key)) g.capitals.delete(key)
}

function addPlaces(g: Gazetteer, add: AddFn): void {
  for (const [n, cc] of extraPlaces) g.places.set(add(n, Gz.city), { name: n, country: cc })
  const rows = (require('city-timezones/data/cityMap.json') as CityRow[]).sort((a, b) => b.pop - a.pop)
  const regionCountries = new Map<string, Set<string>>()
  for (const r of rows) {
    for (const name of new Set([r.city, r.city_ascii])) {
      const key = add(name, Gz.city)
      if (!g.places.has(key) && !g.countryByName.has(key))
        g.places.set(key, { name: r.city, country: r.iso2 })
    }
    if (r.province) {
      const set = regionCountries.get(r.province) ?? new Set()
      set.add(r.iso2)
      regionCountries.set(r.province, set)
    }
  }
  // A region name shared by two countries ("Georgia", "Punjab") is not resolved.
  for (const [region, ccs] of regionCountries) {
    const key = add(region, Gz.region)
    if (ccs.size === 1 && !g.places.has(key) && !g.countryByName.has(key)) {
      g.places.set(key, { name: region, country: [...ccs][0] as string })
    }
  }
}

const compromiseBits: Record<string, number> = {
  FirstName: Gz.first,
  MaleName: Gz.first,
  FemaleName: Gz.first,
  LastName: Gz.last,
  Person: Gz.person,
  Honorific: Gz.title,
  Organization: Gz.org,
  SportsTeam: Gz.team,
  City: Gz.city,
  Country: Gz.country,
  Region: Gz.region,
  Place: Gz.place,
  Demonym: Gz.demonym,
}

/** compromise's lexicon gives first and last names, titles, teams and place names for free. */
function addCompromiseLexicon(add: AddFn): void {
  const lexicon = (nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } }).model
    .one.lexicon
  for (const [word, tags] of Object.entries(lexicon)) {
    let bits = 0
    for (const t of Array.isArray(tags) ? tags : [tags]) bits |= compromiseBits[t] ?? 0
    if (bits) add(word, bits)
  }
}
