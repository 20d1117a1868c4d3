import { describe, expect, it } from 'vitest'
import { createJsonlHandler } from './jsonl.ts'

describe('createJsonlHandler', () => {
  const handle = createJsonlHandler()

  it('answers one input line with its id and scored topics', () => {
    const out = handle({
      id: 'q1',
      title: 'Magnitude 7 earthquake',
      text: 'A strong earthquake shook the coast, collapsing buildings. Rescue workers searched the rubble for survivors as aftershocks continued and the death toll rose.',
    })
    expect(out.id).toBe('q1')
    expect(out.topics[0]).toMatchObject({
      code: 'medtop:03000000',
      label: 'disaster, accident and emergency incident',
    })
    expect(out.topics[0]!.score).toBeGreaterThan(0.5)
  })

  it('rejects a row without text with ERR_SCHEMA naming the field', () => {
    expect(() => handle({ id: 'q2' })).toThrowError(
      expect.objectContaining({ code: 'ERR_SCHEMA', message: expect.stringContaining('text') }),
    )
  })

  it('treats a null title as no title', () => {
    expect(
      handle({
        id: 'q4',
        text: 'Heavy rain and snow showers with strong winds and frost are forecast.',
        title: null,
      }).id,
    ).toBe('q4')
  })

  it('rejects a row whose title is not a string', () => {
    expect(() => handle({ id: 'q3', text: 'x', title: 3 })).toThrowError(/title/)
  })
})
