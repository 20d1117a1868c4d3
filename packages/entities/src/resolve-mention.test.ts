import { describe, expect, it } from 'vitest'
import { extractEntities } from './extract-entities.ts'

describe('place resolution', () => {
  it('keeps a capital a place after a locative word and makes it the government otherwise', () => {
    const { mentions } = extractEntities('Officials in Moscow said on Monday that Moscow rejected the offer.')
    const moscow = mentions.filter((m) => m.text === 'Moscow')
    expect(moscow[0]).toMatchObject({ type: 'location', id: 'place:ru:moscow', country: 'RU' })
    expect(moscow[1]).toMatchObject({ type: 'country', id: 'RU', name: 'Russia' })
  })

  it('gives US, U.S. and United States one country id', () => {
    const { entities } = extractEntities(
      'The United States imposed sanctions. U.S. officials said the US would act.',
    )
    const countries = entities.filter((e) => e.type === 'country')
    expect(countries).toHaveLength(1)
    expect(countries[0]).toMatchObject({ id: 'US', name: 'United States', mentions: 3 })
  })
})
