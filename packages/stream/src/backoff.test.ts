import { describe, expect, it } from 'vitest'
import { computeBackoff, sleep } from './backoff.ts'

describe('computeBackoff', () => {
  const options = { initialMs: 100, maxMs: 1000 }

  it('doubles the ceiling per attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 20].map((a) => computeBackoff(a, options, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ])
  })

  it('jitters between half the ceiling and the ceiling', () => {
    expect(computeBackoff(3, options, () => 0)).toBe(200)
    for (let i = 0; i < 100; i++) {
      const d = computeBackoff(2, options)
      expect(d).toBeGreaterThanOrEqual(100)
      expect(d).toBeLessThanOrEqual(200)
    }
  })
})

describe('sleep', () => {
  it('returns early when the signal aborts', async () => {
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 20)
    await sleep(10_000, controller.signal)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
