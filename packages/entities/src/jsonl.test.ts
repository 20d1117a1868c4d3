import { describe, expect, it } from 'vitest'
import { createJsonlHandler } from './jsonl.ts'

describe('createJsonlHandler', () => {
  const handle = createJsonlHandler()

  it('turns one {id, text} row into one row per mention', () => {
    const out = handle({ id: 'a1', text: 'Chancellor Angela Merkel flew to Paris.' })
    expect(out.id).toBe('a1')
    expect(out.entities).toContainEqual({
      type: 'person',
      name: 'Angela Merkel',
      id: 'person:angela-merkel',
      start: 11,
      end: 24,
      text: 'Angela Merkel',
    })
    expect(out.entities.find((e) => e.text === 'Paris')).toMatchObject({
      type: 'location',
      id: 'place:fr:paris',
    })
    for (const e of out.entities)
      expect(Object.keys(e).sort()).toEqual(['end', 'id', 'name', 'start', 'text', 'type'])
  })

  it('rejects a row without text with ERR_SCHEMA naming the field', () => {
    expect(() => handle({ id: 'x' })).toThrowError(
      expect.objectContaining({ code: 'ERR_SCHEMA', message: expect.stringContaining('text') }),
    )
  })
})
