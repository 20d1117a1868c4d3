import { describe, expect, it } from 'vitest'
import { createKeyedScheduler } from './key-scheduler.ts'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('createKeyedScheduler', () => {
  it('keeps the order of records with the same key while other keys overtake', async () => {
    const { schedule } = createKeyedScheduler(4)
    const seen: string[] = []
    const jobs = [
      ['a', 30],
      ['b', 1],
      ['a', 1],
      ['b', 20],
      ['a', 5],
      ['c', 1],
    ].map(([key, ms], i) =>
      schedule(key as string, async () => {
        await tick(ms as number)
        seen.push(`${key}${i}`)
      }),
    )
    await Promise.all(jobs)
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a0', 'a2', 'a4'])
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b3'])
    expect(seen.indexOf('c5')).toBeLessThan(seen.indexOf('a0'))
  })

  it('never runs more than the concurrency limit at once', async () => {
    const { schedule } = createKeyedScheduler(3)
    let running = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        schedule(i % 2 ? null : `k${i}`, async () => {
          running++
          peak = Math.max(peak, running)
          await tick(2)
          running--
        }),
      ),
    )
    expect(peak).toBe(3)
  })

  it('goes on with a key after one of its tasks failed', async () => {
    const { schedule } = createKeyedScheduler(2)
    const failed = schedule('k', async () => {
      throw new Error('boom')
    })
    const next = schedule('k', async () => 'ok')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('ok')
  })
})
