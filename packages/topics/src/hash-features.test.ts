import { describe, expect, it } from 'vitest'
import { hashDocument, hashTerm } from './hash-features.ts'

describe('hashDocument', () => {
  it('ignores case and punctuation', () => {
    expect(hashDocument('Heavy RAIN, heavy rain!').hashes).toEqual(
      hashDocument('heavy rain heavy rain').hashes,
    )
  })

  it('splits words on typographic quotes and dashes', () => {
    expect(hashDocument('“absurd”—paradox').hashes).toEqual(hashDocument('absurd paradox').hashes)
  })

  it('drops stop words so bigrams join the content words around them', () => {
    const doc = hashDocument('friends of the earth')
    expect(doc.wordCount).toBe(2)
    expect(doc.hashes).toContain(hashTerm('friends earth'))
  })

  it('counts the title twice', () => {
    const withTitle = hashDocument('body words', 'storm')
    expect(withTitle.hashes.filter((h) => h === hashTerm('storm')).length).toBe(2)
  })

  it('returns hashes sorted so equal features are adjacent', () => {
    const { hashes } = hashDocument('police police court police')
    expect([...hashes]).toEqual([...hashes].sort((a, b) => a - b))
  })
})

describe('hashTerm', () => {
  it('hashes a two-word term as the bigram the document produces', () => {
    expect(hashDocument('a heavy rain fell').hashes).toContain(hashTerm('heavy rain'))
  })

  it('rejects terms of more than two content words', () => {
    expect(hashTerm('state of emergency response')).toBeUndefined()
  })
})
