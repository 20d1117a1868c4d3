import { describe, expect, it } from 'vitest'
import { sortU32 } from './sort-u32.ts'

describe('sortU32', () => {
  it('sorts like TypedArray#sort, short and long arrays, extremes and duplicates included', () => {
    let s = 9
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)
    for (const n of [0, 1, 10, 31, 32, 63, 64, 500, 5000, 70_000]) {
      const values = Uint32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0xffffffff : rnd()))
      expect(Array.from(sortU32(values.slice()))).toEqual(Array.from(values.slice().sort()))
    }
  })

  it('still sorts values crowded into one range (not hash-like)', () => {
    const values = Uint32Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001)
    expect(Array.from(sortU32(values.slice()))).toEqual(Array.from(values.slice().sort()))
  })
})
