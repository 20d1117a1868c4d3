import { describe, expect, it } from 'vitest'
import { hashDocument } from './hash-features.ts'
import { computeTopicEvidence } from './score-topics.ts'
import { compileTopicModel } from './topic-model.ts'
import { trainTopicModel } from './train-model.ts'
import type { TrainingDocument } from './types.ts'

const sport = [
  'The striker scored twice as the team won the league match.',
  'A late goal gave the club victory in the cup tie.',
  'The champion won the final set to take the tennis title.',
  'The coach praised his players after the season opener.',
]
const business = [
  'Shares in the bank rose after profits beat forecasts.',
  'The company reported higher sales and raised its dividend.',
  'Investors sold shares as the firm cut its profit outlook.',
  'The retailer said quarterly revenue grew by five percent.',
]
const docs: TrainingDocument[] = [
  ...sport.map((text) => ({ text, code: 'medtop:15000000' as const })),
  ...business.map((text) => ({ text, code: 'medtop:04000000' as const })),
]

describe('trainTopicModel', () => {
  const options = { hashBits: 12, calibrationFolds: 0, backgroundRatio: 0 }

  it('learns heads that separate the labelled classes', () => {
    const model = compileTopicModel(trainTopicModel(docs, options))
    const trained = (text: string) => computeTopicEvidence(model, hashDocument(text)).trained
    const match = trained('The striker scored a late goal and the club won the league match and the cup tie.')
    expect(match[14]!).toBeGreaterThan(match[3]!)
    const market = trained(
      'Shares of the bank rose as the company reported profits and sales beat forecasts.',
    )
    expect(market[3]!).toBeGreaterThan(market[14]!)
  })

  it('gives the same model for the same data and seed', () => {
    expect(trainTopicModel(docs, options)).toEqual(trainTopicModel(docs, options))
  })

  it('stores provenance but no article text', () => {
    const file = trainTopicModel(docs, { ...options, meta: { trainedOn: 'fixture' } })
    expect(file.meta).toMatchObject({ trainedOn: 'fixture', documents: docs.length })
    expect(JSON.stringify(file)).not.toContain('striker')
  })
})
