import { describe, expect, it } from 'vitest'
import { createBackgroundDocuments } from './background-documents.ts'

function seeded(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
}

describe('createBackgroundDocuments', () => {
  const filler = ['the minister said the market rose', 'the striker scored in the final']

  it('mixes lexicon terms of untrained topics with filler words, the same for the same seed', () => {
    const docs = createBackgroundDocuments(['medtop:15000000'], filler, 40, seeded(7))
    expect(docs).toHaveLength(40)
    expect(docs).toEqual(createBackgroundDocuments(['medtop:15000000'], filler, 40, seeded(7)))
    expect(docs.join(' ')).toMatch(/\b(rain|police|church|earthquake|hospital|school)\b/)
  })

  it('includes very short documents so an empty text is learned as background', () => {
    const docs = createBackgroundDocuments([], filler, 200, seeded(3))
    expect(Math.min(...docs.map((d) => d.split(' ').filter(Boolean).length))).toBeLessThan(15)
  })

  it('draws no terms from topics that have a trained head', () => {
    const trained = ['medtop:17000000' as const]
    const docs = createBackgroundDocuments(trained, [], 30, seeded(5))
    expect(docs.join(' ')).not.toMatch(/\bmet office\b|\bthunderstorms\b/)
  })
})
