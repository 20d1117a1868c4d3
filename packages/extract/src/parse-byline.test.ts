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
  ])('reads %j as %j', (input, names) => {
    expect(parseByline(input)).toEqual(names)
  })
})
