import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractEntities } from './extract-entities.ts'

const seedDir = new URL('../../../test/fixtures/pages/seed/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', seedDir), 'utf8')) as {
  title: string
  bodyStartsWith: string
  bodyEndsWith: string
  people: string[]
  peopleMustNotInclude: string[]
  countries: string[]
  countriesMustNotInclude: string[]
  organisations: string[]
  organisationsMustNotInclude: string[]
}

/** The article body of the seed page, cut out here because extraction is another package's job. */
function seedBody(): string {
  const page = readFileSync(new URL('page.txt', seedDir), 'utf8')
  const start = page.indexOf(expected.bodyStartsWith)
  const end = page.indexOf(expected.bodyEndsWith, start) + expected.bodyEndsWith.length
  return page.slice(start, end)
}

describe('extractEntities on the seed AFP story', () => {
  const body = seedBody()
  const { mentions, entities } = extractEntities(body, { title: expected.title })
  const names = (type: string) => entities.filter((e) => e.type === type).map((e) => e.name)
  const countries = new Set(
    entities.flatMap((e) =>
      (e.type === 'country' || e.type === 'location') && e.country ? [e.country] : [],
    ),
  )

  it('finds every person the hand labels list, and none they exclude', () => {
    for (const p of expected.people) expect(names('person')).toContain(p)
    for (const p of expected.peopleMustNotInclude) expect(names('person')).not.toContain(p)
  })

  it('finds every country the hand labels list, and none they exclude', () => {
    for (const cc of expected.countries) expect(countries).toContain(cc)
    for (const cc of expected.countriesMustNotInclude) expect(countries).not.toContain(cc)
  })

  it('finds no organisation the hand labels exclude', () => {
    const orgs = names('organisation')
    for (const o of expected.organisations) expect(orgs).toContain(o)
    for (const o of expected.organisationsMustNotInclude) expect(orgs).not.toContain(o)
  })

  it('gives offsets that slice the mention text out of the body', () => {
    expect(mentions.length).toBeGreaterThan(20)
    for (const m of mentions) expect(body.slice(m.start, m.end)).toBe(m.text)
  })

  it('counts "North Korean leader" as a mention of North Korea', () => {
    expect(mentions[0]).toMatchObject({ type: 'country', id: 'KP', text: 'North Korean', start: 0 })
  })

  it('reads a capital acting as its government as the country', () => {
    const pyongyang = mentions.filter((m) => m.text === 'Pyongyang')
    expect(pyongyang.length).toBeGreaterThan(0)
    for (const m of pyongyang) expect(m).toMatchObject({ type: 'country', id: 'KP', name: 'North Korea' })
    expect(mentions.find((m) => m.text === 'Washington')).toMatchObject({ type: 'country', id: 'US' })
  })

  it('resolves a city named as a place to its country', () => {
    expect(mentions.find((m) => m.text === 'Beijing')).toMatchObject({
      type: 'location',
      country: 'CN',
      id: 'place:cn:beijing',
    })
  })

  it('ranks the countries in the title above passing mentions', () => {
    const kp = entities.find((e) => e.id === 'KP')
    const jp = entities.find((e) => e.id === 'JP')
    expect(kp?.salience).toBeGreaterThan(jp?.salience ?? 1)
  })
})

describe('extractEntities coreference', () => {
  it('joins a surname and a titled surname to the full name seen earlier', () => {
    const text =
      'Russian President Vladimir Putin met reporters in Moscow on Monday. Later, President Putin said the talks went well. Putin left.'
    const { mentions, entities } = extractEntities(text)
    const people = entities.filter((e) => e.type === 'person')
    expect(people).toHaveLength(1)
    expect(people[0]).toMatchObject({ name: 'Vladimir Putin', id: 'person:vladimir-putin', mentions: 3 })
    expect(mentions.filter((m) => m.type === 'person').map((m) => m.text)).toEqual([
      'Vladimir Putin',
      'Putin',
      'Putin',
    ])
  })

  it('gives organisations from the curated list their canonical id', () => {
    const { entities } = extractEntities(
      'The United Nations and NATO criticised the plan, Reuters reported on Tuesday.',
    )
    const ids = entities.filter((e) => e.type === 'organisation').map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining(['org:un', 'org:nato', 'org:reuters']))
  })

  it('returns nothing for an empty body', () => {
    expect(extractEntities('')).toEqual({ mentions: [], entities: [] })
  })
})
