import { describe, expect, it } from 'vitest'
import { createMicroBatcher } from './micro-batcher.ts'

describe('createMicroBatcher', () => {
  it('runs the calls of one turn as one batch, in call order, and answers each caller', async () => {
    const batches: number[][] = []
    const call = createMicroBatcher(async (items: number[]) => {
      batches.push(items)
      return items.map((i) => i * 10)
    }, 3)
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => call(i)))
    expect(answers).toEqual([10, 20, 30, 40, 50])
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ])
    expect(await call(6)).toBe(60)
  })

  it('fails every caller of a batch when the batch fails', async () => {
    const call = createMicroBatcher(async () => {
      throw new Error('down')
    }, 8)
    const results = await Promise.allSettled([call(1), call(2)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  })
})
