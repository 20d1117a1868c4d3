import { describe, expect, it } from 'vitest'
import { OffsetTracker } from './offset-tracker.ts'

describe('OffsetTracker', () => {
  it('commits nothing while the first record is unfinished', () => {
    const t = new OffsetTracker<string>(['10', '11', '12'])
    t.markDone('11', 'b')
    t.markDone('12', 'c')
    expect(t.committable()).toEqual({ results: [], commitOffset: null, lastOffset: null })
  })

  it('commits only below the first unfinished offset, in offset order', () => {
    const t = new OffsetTracker<string>(['10', '11', '12', '13'])
    t.markDone('12', 'c')
    t.markDone('10', 'a')
    t.markDone('11', 'b')
    expect(t.committable()).toEqual({ results: ['a', 'b', 'c'], commitOffset: '13', lastOffset: '12' })
    t.markDone('13', 'd')
    expect(t.committable().commitOffset).toBe('14')
  })

  it('handles gaps and offsets beyond 2^53', () => {
    const big = '9007199254740993'
    const t = new OffsetTracker<number>(['5', '9', big])
    for (const o of ['5', '9', big]) t.markDone(o, 1)
    expect(t.committable().commitOffset).toBe('9007199254740994')
  })
})
