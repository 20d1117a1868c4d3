import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tagTopics } from './tag-topics.ts'

const seedPage = readFileSync(new URL('../../../test/fixtures/pages/seed/page.txt', import.meta.url), 'utf8')
const seedStart = seedPage.indexOf('North Korean leader Kim Jong-un has debunked')
const seedEnd =
  seedPage.indexOf('more perfect in quality and quantity.') + 'more perfect in quality and quantity.'.length
const seedArticle = {
  title: "North Korea Debunks 'Absurd Rumor' Claims of Arms Exports to Russia",
  text: seedPage.slice(seedStart, seedEnd),
}

interface ParagraphCase {
  name: string
  title: string
  text: string
  expect: string[]
  forbid: string[]
}
const paragraphs: ParagraphCase[] = JSON.parse(
  readFileSync(new URL('../test/fixtures/paragraphs.json', import.meta.url), 'utf8'),
).cases

describe('tagTopics', () => {
  it('tags the seed North Korea story as politics or conflict and nothing about sport or lifestyle', () => {
    expect(seedStart).toBeGreaterThan(0)
    const codes = tagTopics(seedArticle).map((t) => t.code)
    expect(codes.some((c) => c === 'medtop:11000000' || c === 'medtop:16000000')).toBe(true)
    expect(codes).not.toContain('medtop:15000000')
    expect(codes).not.toContain('medtop:10000000')
  })

  it.each(paragraphs)('tags $name with its topic and not with unrelated ones', (c) => {
    const codes = tagTopics({ text: c.text, title: c.title }).map((t) => t.code)
    for (const code of c.expect) expect(codes).toContain(code)
    for (const code of c.forbid) expect(codes).not.toContain(code)
  })

  it('ranks the topic of a football report first', () => {
    const [top] = tagTopics({
      title: 'Late goal sends United through to the cup final',
      text: 'A stoppage-time header from the substitute striker sent United into the cup final after a tense semi-final. The manager praised his players, and the goalkeeper made three fine saves in the second half as the visitors pushed for an equaliser.',
    })
    expect(top?.code).toBe('medtop:15000000')
  })

  it('returns topics sorted by score with labels', () => {
    const topics = tagTopics({ text: paragraphs[0]!.text }, { threshold: 0 })
    expect(topics.length).toBeGreaterThan(1)
    for (let i = 1; i < topics.length; i++)
      expect(topics[i - 1]!.score).toBeGreaterThanOrEqual(topics[i]!.score)
    expect(topics[0]).toMatchObject({ code: 'medtop:17000000', label: 'weather' })
  })

  it('keeps the best topic below the threshold when it reaches minTopScore', () => {
    const text = paragraphs[0]!.text
    expect(tagTopics({ text }, { threshold: 1, minTopScore: 0.2 })).toHaveLength(1)
    expect(tagTopics({ text }, { threshold: 1, minTopScore: 1 })).toHaveLength(0)
  })

  it('tags nothing when there is no text to go on', () => {
    expect(tagTopics({ text: '' })).toEqual([])
    expect(tagTopics({ text: 'Read more.' })).toEqual([])
  })
})
