import { describe, expect, it } from 'vitest'
import { selectBodyLines } from './content-lines.ts'
import { tokenizeText } from './text-tokens.ts'

const SENTENCE = 'Officials in the harbour town said the new ferry would start running next spring.'
const LONG = `${SENTENCE} ${SENTENCE} ${SENTENCE}`

/** The lines of `lines` that selectBodyLines keeps, by text. */
function kept(lines: string[]): string[] {
  const text = lines.join('\n')
  const tokens = tokenizeText(text)
  return selectBodyLines(text, tokens).map((l) => text.slice(l.charStart, l.charEnd))
}

describe('selectBodyLines', () => {
  it('drops teaser and furniture lines however they are cased or spaced, and keeps the story', () => {
    const teasers = [
      `READ ALSO: ${LONG}`,
      `  \u00a0Related stories: ${LONG}`,
      `\u2003More on this story: ${LONG}`,
      `\u017fee also ${LONG}`, // long s: folds to 's' under the regex's /iu flags
      'Subscribe to our daily newsletter for more stories like this.',
      'Follow Our correspondents on every platform we publish on.',
      '\u017fubscribe today and get the first month of reading for free.',
      'This page and its text: all rights reserved by the publisher.',
    ]
    const story = [SENTENCE, LONG, `Watchers of the harbour say ${SENTENCE}`]
    expect(kept([...story, ...teasers])).toEqual(story)
  })

  it('keeps a sentence that only mentions a furniture word past a word boundary', () => {
    const line = 'The enewsletters of the town hall were printed on the harbour press.'
    expect(kept([SENTENCE, LONG, line])).toEqual([SENTENCE, LONG, line])
  })
})
