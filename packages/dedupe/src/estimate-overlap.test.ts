import { describe, expect, it } from 'vitest'
import { estimateOverlap } from './estimate-overlap.ts'

let s = 17
const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0)

/** Distinct random hashes, ascending. */
function hashes(n: number): Uint32Array {
  return Uint32Array.from(new Set(Array.from({ length: n }, rnd))).sort()
}

/** `sorted` with its values from `from` on shuffled (as fingerprints leave the unsampled ones). */
function shuffleTail(sorted: Uint32Array, from: number): Uint32Array {
  const out = sorted.slice()
  for (let i = out.length - 1; i > from; i--) {
    const j = from + (rnd() % (i - from + 1))
    const t = out[i]!
    out[i] = out[j]!
    out[j] = t
  }
  return out
}

describe('estimateOverlap', () => {
  it('gives the same estimate whether the hashes past the sorted prefix are sorted or not', () => {
    for (const [newSize, storedSize, sharedSize] of [
      [400, 600, 300],
      [60, 80, 50],
      [500, 40, 30],
      [30, 500, 20],
    ] as const) {
      const shared = hashes(sharedSize)
      const mine = Uint32Array.from(new Set([...shared, ...hashes(newSize - sharedSize)])).sort()
      const stored = Uint32Array.from(new Set([...shared, ...hashes(storedSize - sharedSize)])).sort()
      const sketch = stored.slice(0, 32)
      const tau = sketch[sketch.length - 1]!
      const sketch16 = Uint16Array.from(sketch, (v) => v & 0xffff).sort()
      const prefix = mine.findIndex((v) => v >= 2 ** 30)
      const sortedCount = prefix < 0 ? mine.length : prefix
      const split = shuffleTail(mine, sortedCount)
      for (const sk of [sketch, sketch16]) {
        const whole = estimateOverlap(mine, sk, tau, stored.length)
        expect(estimateOverlap(split, sk, tau, stored.length, sortedCount)).toEqual(whole)
      }
    }
  })
})
