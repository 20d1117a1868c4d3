import { CopydeskError } from '@copydesk/contracts'
import { describe, expect, it } from 'vitest'
import { makePage, makeStory } from '../test/make-story.ts'
import { createJsonlHandler } from './jsonl.ts'

describe('createJsonlHandler', () => {
  const story = makeStory(9)

  it('writes id, clusterId, duplicateOf, kind and similarity per line, keeping state across lines', async () => {
    const handle = createJsonlHandler()
    const first = await handle({ id: 'w1', text: makePage(story, 'Agence Wire'), ts: '2024-03-01T08:00:00Z' })
    const second = await handle({ id: 'c1', text: makePage(story, 'Daily Bugle'), title: 'Retitled' })
    expect(first).toEqual({ id: 'w1', clusterId: 'w1', duplicateOf: null, kind: 'unique', similarity: 0 })
    expect(second).toMatchObject({ id: 'c1', clusterId: 'w1', duplicateOf: 'w1', kind: 'near' })
    expect(Object.keys(second).sort()).toEqual(['clusterId', 'duplicateOf', 'id', 'kind', 'similarity'])
  })

  it('rejects a row without text as ERR_SCHEMA naming the field', async () => {
    const handle = createJsonlHandler()
    const error = await handle({ id: 'x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CopydeskError)
    expect(error).toMatchObject({ code: 'ERR_SCHEMA', retryable: false })
    expect((error as Error).message).toContain('text')
  })

  it('rejects a row whose ts is not a date as ERR_SCHEMA naming ts', async () => {
    const handle = createJsonlHandler()
    const error = await handle({ id: 'x', text: 'Some text.', ts: 'yesterday-ish' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_SCHEMA', details: { field: 'ts' } })
  })
})
