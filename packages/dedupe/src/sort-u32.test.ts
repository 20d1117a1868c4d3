import { describe, expect, it } from 'vitest'
import { radixSortU32 } from './radix-sort.ts'

describe('radixSortU32', () => {
  it('sorts like TypedArray#sort, short and long arrays, extremes included', () => {
    let s = 9
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)
    for (const n of [0, 1, 10, 63, 64, 500, 5000]) {
      const values = Uint32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0xffffffff : rnd()))
      expect(Array.from(radixSortU32(values.slice()))).toEqual(Array.from(values.slice().sort()))
    }
  })
})
