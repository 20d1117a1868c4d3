import { describe, expect, it } from 'vitest'
import { groupEntities } from './group-entities.ts'
import type { Mention } from './types.ts'

const person = (text: string, start: number): Mention => ({
  type: 'person',
  name: text,
  id: `person:${text.toLowerCase().replace(/ /g, '-')}`,
  start,
  end: start + text.length,
  text,
})

describe('groupEntities', () => {
  it('upgrades a surname seen first to the full name that follows', () => {
    const mentions = [person('Putin', 0), person('Vladimir Putin', 40), person('Putin', 90)]
    const entities = groupEntities(mentions, 'x'.repeat(120))
    expect(entities).toHaveLength(1)
    expect(entities[0]).toMatchObject({
      name: 'Vladimir Putin',
      id: 'person:vladimir-putin',
      mentions: 3,
      firstStart: 0,
    })
    expect(mentions.map((m) => m.id)).toEqual([
      'person:vladimir-putin',
      'person:vladimir-putin',
      'person:vladimir-putin',
    ])
  })

  it('keeps two people who share a family name apart and joins a bare surname to the latest', () => {
    const mentions = [person('Kim Jong-un', 0), person('Kim Yo Jong', 50), person('Kim', 100)]
    const entities = groupEntities(mentions, 'x'.repeat(120))
    expect(entities.map((e) => [e.name, e.mentions])).toEqual(
      expect.arrayContaining([
        ['Kim Jong-un', 1],
        ['Kim Yo Jong', 2],
      ]),
    )
  })

  it('scores an entity named in the title above an equally frequent one that is not', () => {
    const m = (id: string, text: string, start: number): Mention => ({
      type: 'country',
      name: text,
      id,
      start,
      end: start + text.length,
      text,
    })
    const entities = groupEntities(
      [m('JP', 'Japan', 10), m('KP', 'North Korea', 20)],
      'x'.repeat(100),
      'North Korea fires missile',
    )
    expect(entities[0]?.id).toBe('KP')
    for (const e of entities) expect(e.salience).toBeGreaterThan(0)
    for (const e of entities) expect(e.salience).toBeLessThanOrEqual(1)
  })
})
