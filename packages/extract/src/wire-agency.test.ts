import { describe, expect, it } from 'vitest'
import { detectWireAgency, isCreditLine } from './wire-agency.ts'

const story =
  'The council approved the budget on Monday after a long debate about the harbour and the tram line.'

describe('detectWireAgency', () => {
  it.each([
    ['PARIS (AFP) – The French government said on Tuesday it would', 'AFP'],
    ['WASHINGTON, Nov 20 (Reuters) - The U.S. Senate on Wednesday', 'Reuters'],
    ['BEIJING, May 17 (Xinhua) -- China on Friday', 'Xinhua'],
    ['SEOUL, June 3 (Yonhap) -- North Korea fired', 'Yonhap'],
    ['ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting', 'AP'],
    ['NEW DELHI (PTI) - The Supreme Court on Monday', 'PTI'],
    ['MADRID (EFE).- El Gobierno', 'EFE'],
  ])('reads the agency from the dateline %s', (first, agency) => {
    expect(detectWireAgency({ paragraphs: [first, story] })).toBe(agency)
  })

  it.each([
    ['AFP', 'AFP'],
    ['— Reuters', 'Reuters'],
    ['(AFP)', 'AFP'],
    ['AFP/AFP', 'AFP'],
    ['dpa', 'dpa'],
    ['- with AFP', 'AFP'],
    ['Copyright 2019 The Associated Press. All rights reserved.', 'AP'],
    ['(Reporting by Jane Roe in Brussels; Editing by John Doe)', 'Reuters'],
  ])('reads the agency from the closing line %s', (last, agency) => {
    expect(detectWireAgency({ paragraphs: [story, story, last] })).toBe(agency)
  })

  it('reads a credit glued to the end of the last paragraph', () => {
    expect(detectWireAgency({ paragraphs: [story, 'The talks resume on Friday. — AFP'] })).toBe('AFP')
  })

  it.each([
    [['Reuters'], 'Reuters'],
    [['By Reuters Staff'], 'Reuters'],
    [['Tom Krisher, Ap Auto Writer'], 'AP'],
    [['Associated Press'], 'AP'],
    [['Kyodo News'], 'Kyodo'],
    [['Bloomberg'], 'Bloomberg'],
  ])('reads the agency from the byline %j', (byline, agency) => {
    expect(detectWireAgency({ paragraphs: [story], byline })).toBe(agency)
  })

  it('credits no agency to a staff story that merely mentions one', () => {
    const paragraphs = [
      story,
      'Bloomberg reported last week that the deal was close, citing people familiar with it.',
      story,
    ]
    expect(detectWireAgency({ paragraphs, byline: ['Jane Roe'] })).toBeNull()
  })

  it('does not take a name or a lower-case word for an agency', () => {
    expect(detectWireAgency({ paragraphs: [story], byline: ['Pa Sow', 'Ani Kovacs'] })).toBeNull()
    expect(detectWireAgency({ paragraphs: [story, 'ap'] })).toBe('AP')
    expect(detectWireAgency({ paragraphs: ['The Paris (France) office said', story] })).toBeNull()
  })
})

describe('isCreditLine', () => {
  it('tells a closing credit from a sentence', () => {
    expect(isCreditLine('AFP')).toBe(true)
    expect(isCreditLine('— Reuters')).toBe(true)
    expect(isCreditLine('AFP said the talks would resume on Friday.')).toBe(false)
  })
})
