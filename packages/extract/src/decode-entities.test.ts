import { describe, expect, it } from 'vitest'
import { decodeEntities } from './decode-entities.ts'

describe('decodeEntities', () => {
  it('decodes numeric and common named references left in metadata', () => {
    expect(decodeEntities('Review &#8211; shoots &amp; scores &#x2019;n&rsquo;')).toBe(
      'Review – shoots & scores ’n’',
    )
  })

  it('leaves unknown or invalid references as written', () => {
    expect(decodeEntities('&bogus; &#xD800; & more')).toBe('&bogus; &#xD800; & more')
  })
})
