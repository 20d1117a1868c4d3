import { describe, expect, it } from 'vitest'
import { tokenizeText } from './tokenize-text.ts'

const texts = (s: string) => tokenizeText(s).map((t) => t.text)

describe('tokenizeText', () => {
  it('peels punctuation and possessives off words but keeps abbreviations whole', () => {
    expect(texts('Putin\'s aide told the U.S. (via Mr. Smith) "no".')).toEqual([
      'Putin',
      "'s",
      'aide',
      'told',
      'the',
      'U.S.',
      '(',
      'via',
      'Mr.',
      'Smith',
      ')',
      '"',
      'no',
      '"',
      '.',
    ])
  })

  it('keeps hyphenated names as one token', () => {
    expect(texts('Kim Jong-un spoke')).toEqual(['Kim', 'Jong-un', 'spoke'])
  })

  it('gives offsets that slice back to the token text', () => {
    const text = '  Moscow and\nPyongyang, “denied” it.'
    for (const t of tokenizeText(text)) expect(text.slice(t.start, t.end)).toBe(t.text)
  })

  it('marks sentence starts after full stops and line breaks, looking through quotes', () => {
    const starts = tokenizeText('He left. "Yes." She said\nThen')
      .filter((t) => t.sentStart)
      .map((t) => t.text)
    expect(starts).toEqual(['He', '"', 'Yes', '"', 'She', 'Then'])
  })
})
