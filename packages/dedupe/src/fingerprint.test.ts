import { describe, expect, it } from 'vitest'
import { makePage, makeStory } from '../test/make-story.ts'
import { fingerprintArticle } from './fingerprint.ts'
import { DedupeOptions } from './options.ts'

const options = DedupeOptions.parse({})
const story = makeStory(5, 8)

describe('fingerprintArticle', () => {
  it('gives the same exact key to texts that differ only in case and whitespace', () => {
    const text = makePage(story, 'Agence Wire')
    const a = fingerprintArticle(text, undefined, options)
    const b = fingerprintArticle(`  ${text.toUpperCase().replace(/\n\n/g, '\n \n')}`, undefined, options)
    expect(b.exactKey).toBe(a.exactKey)
  })

  it('leaves headline, teasers, menus and newsletter prompts out of the body shingles', () => {
    const plain = fingerprintArticle(makePage(story, 'Agence Wire'), story.title, options)
    const dressed = makePage(story, 'Daily Bugle', {
      title: 'A new headline here',
      teasers: ['Celebrity diet secrets'],
    })
    const other = fingerprintArticle(dressed, 'A new headline here', options)
    expect(Array.from(other.shingles)).toEqual(Array.from(plain.shingles))
  })

  it('keeps a bottom-k sketch of the smallest shingle hashes and index keys among the query keys', () => {
    const fp = fingerprintArticle(makePage(story, 'Agence Wire'), story.title, options)
    expect(Array.from(fp.sketch)).toEqual(Array.from(fp.shingles.slice(0, options.sketchSize)))
    for (const anchor of fp.anchors) expect(fp.queryKeys.includes(anchor)).toBe(true)
    expect(fp.leadCount).toBe(options.anchorsByPosition)
  })
})
