import { describe, expect, it } from 'vitest'
import { AnchorIndex } from './anchor-index.ts'

describe('AnchorIndex', () => {
  it('finds exactly the live holders of query keys through many evictions and filter rebuilds', () => {
    const slots = 32
    const index = new AnchorIndex(3, slots)
    const keysOf: number[][] = Array.from({ length: slots }, () => [])
    let s = 7
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)
    const outSlots = new Uint32Array(64)
    const outShared = new Uint32Array(64)
    // 20,000 insertions into 32 slots: the filter is rebuilt many times, evicted keys drop out.
    for (let i = 0; i < 20_000; i++) {
      const slot = i % slots
      if (keysOf[slot]!.length > 0) index.remove(slot)
      const keys = [...new Set([rnd() % 200, rnd() % 200, rnd()])]
      index.insert(slot, keys, 1000)
      keysOf[slot] = keys
      if (i % 997 !== 0) continue
      const query = Uint32Array.from(new Set([keys[0]!, keys[2]!, rnd() % 200, rnd() % 200]))
      const n = index.findHolders(query, 1000, 64, outSlots, outShared)
      const expected = keysOf.flatMap((held, slotNo) => {
        const shared = [...query].filter((q) => held.includes(q)).length
        return shared > 0 ? [[slotNo, shared]] : []
      })
      expected.sort((a, b) => b[1]! - a[1]! || a[0]! - b[0]!)
      const got = Array.from({ length: n }, (_, j) => [outSlots[j]!, outShared[j]!])
      expect(got).toEqual(expected)
    }
  })
})
