import { describe, expect, it } from 'vitest'
import { sortU32, sortUniqueU32 } from './sort-u32.ts'

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

describe('sortUniqueU32', () => {
  it('returns the distinct values ascending, short, long and crowded arrays included', () => {
    let s = 5
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)
    for (const n of [0, 1, 31, 32, 500, 5000]) {
      const values = Uint32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 7 : rnd()))
      expect(Array.from(sortUniqueU32(values.slice()))).toEqual([...new Set(values)].sort((a, b) => a - b))
    }
    const crowded = Uint32Array.from({ length: 3000 }, (_, i) => i % 1000)
    expect(Array.from(sortUniqueU32(crowded))).toEqual(Array.from({ length: 1000 }, (_, i) => i))
  })
})
