import { describe, expect, it } from 'vitest'
import { trimParagraphs } from './trim-paragraphs.ts'

const para = (text: string, linkShare = 0) => ({ text, linkShare })
const story =
  'The council approved the budget on Monday after a long debate about the harbour and the tram line.'

describe('trimParagraphs', () => {
  it('drops the headline, byline and date lines above the story', () => {
    const out = trimParagraphs(
      [
        para('Council approves budget after long debate'),
        para('By Jane Roe'),
        para('Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST'),
        para(story),
      ],
      'Council approves budget after long debate',
      ['Jane Roe'],
    )
    expect(out).toEqual([story])
  })

  it('drops captions, tag lists and link-only headlines of other stories', () => {
    const out = trimParagraphs(
      [
        para(story),
        para('Photo: Port Authority'),
        para('Filed Under: budget, council, trams'),
        para('Who will make the shortlist in 2020?', 1),
        para(story),
      ],
      null,
      [],
    )
    expect(out).toEqual([story, story])
  })

  it('keeps a linked sentence inside the story', () => {
    const linked = 'Read the full report on the council website.'
    expect(trimParagraphs([para(story), para(linked, 0.9)], null, [])).toEqual([story, linked])
  })

  it('cuts the author box and the closing newsletter prompt', () => {
    const out = trimParagraphs(
      [
        para(story),
        para(story),
        para(story),
        para('Jane Roe'),
        para('Jane joined the paper in 2017 and covers the harbour.'),
        para('Sign up for our daily newsletter to get the news first.'),
      ],
      null,
      ['Jane Roe'],
    )
    expect(out).toEqual([story, story, story])
  })
})
