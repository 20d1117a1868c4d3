import { describe, expect, it } from 'vitest'
import { parseByline } from './parse-byline.ts'

describe('parseByline', () => {
  it.each([
    ['By Marta Keller, Reuters', ['Marta Keller']],
    ['BY Benedicta Bassey', ['Benedicta Bassey']],
    ['By Jane Roe and John Doe', ['Jane Roe', 'John Doe']],
    ['Tom Krisher, Ap Auto Writer', ['Tom Krisher']],
    ['Ludwig van Beethoven', ['Ludwig van Beethoven']],
    ['Reuters Staff', []],
    ['AFP', []],
    ['Posted on May 3', []],
    ['TOM KRISHER', ['Tom Krisher']],
    ['Jose AltoverosView More Articles', ['Jose Altoveros']],
    ['Jeff Foust Monday, November 18, 2019', ['Jeff Foust']],
  ])('reads %j as %j', (input, names) => {
    expect(parseByline(input)).toEqual(names)
  })
})
