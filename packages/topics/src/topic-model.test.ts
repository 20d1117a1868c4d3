import { describe, expect, it } from 'vitest'
import { compileLexicon, loadTopicModel } from './topic-model.ts'

describe('loadTopicModel', () => {
  it('loads the shipped model with the five trained heads', () => {
    const model = loadTopicModel()
    expect(model.heads).toEqual([
      'medtop:01000000',
      'medtop:04000000',
      'medtop:11000000',
      'medtop:13000000',
      'medtop:15000000',
    ])
    expect(loadTopicModel()).toBe(model)
  })

  it('fails with ERR_CONFIG on a missing model file', () => {
    expect(() => loadTopicModel('/nonexistent/topics-model.json')).toThrowError(
      expect.objectContaining({ code: 'ERR_CONFIG' }),
    )
  })
})

describe('compileLexicon', () => {
  it('compiles every lexicon term to a uni- or bigram', () => {
    expect(compileLexicon().size).toBeGreaterThan(500)
  })
})
