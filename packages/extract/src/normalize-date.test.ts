import { describe, expect, it } from 'vitest'
import { normalizeDate } from './normalize-date.ts'

describe('normalizeDate', () => {
  it.each([
    ['2024-03-05T14:20:00+01:00', '2024-03-05T14:20:00+01:00'],
    ['2024-03-05T14:20:00.000Z', '2024-03-05T14:20:00Z'],
    ['2024-03-05 14:20', '2024-03-05T14:20:00'],
    ['2024-03-05T14:20:00+0530', '2024-03-05T14:20:00+05:30'],
    ['2024-03-05', '2024-03-05'],
    ['POSTED ON May 17, 2024 • Politics', '2024-05-17'],
    ['17 May 2024', '2024-05-17'],
    ['Updated 1:39 am EST, Wednesday, November 20, 2019', '2019-11-20T01:39:00-05:00'],
    ['Monday November 18, 2019 7:45 pm PST by Joe Rossignol', '2019-11-18T19:45:00-08:00'],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected)
  })

  it('returns null for text without a date', () => {
    expect(normalizeDate('Politics')).toBeNull()
    expect(normalizeDate('')).toBeNull()
    expect(normalizeDate('9999-99-99')).toBeNull()
  })
})
