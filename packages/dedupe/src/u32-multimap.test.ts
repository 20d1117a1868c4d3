import { describe, expect, it } from 'vitest'
import { U32MultiMap } from './u32-multimap.ts'

describe('U32MultiMap', () => {
  it('agrees with a reference map through random adds and deletes, duplicates included', () => {
    const map = new U32MultiMap(4)
    const ref = new Map<number, number[]>()
    let s = 42
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)
    for (let i = 0; i < 20_000; i++) {
      const key = rnd() % 500
      const values = ref.get(key) ?? []
      if (values.length > 0 && rnd() % 3 === 0) {
        const v = values.splice(rnd() % values.length, 1)[0]!
        expect(map.delete(key, v)).toBe(true)
      } else {
        const v = rnd() % 1_000_000
        map.add(key, v)
        values.push(v)
      }
      ref.set(key, values)
    }
    for (let key = 0; key < 500; key++) {
      const found: number[] = []
      map.find(key, (v) => {
        found.push(v)
        return false
      })
      expect(found.sort()).toEqual((ref.get(key) ?? []).slice().sort())
    }
    expect(map.size).toBe([...ref.values()].reduce((n, v) => n + v.length, 0))
  })
})
