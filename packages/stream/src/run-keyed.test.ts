import { describe, expect, it } from 'vitest'
import { runKeyed } from './run-keyed.ts'

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

describe('runKeyed', () => {
  it('keeps the order of items with the same key while other keys overtake', async () => {
    const seen: string[] = []
    const items = [
      ['a', 30],
      ['b', 1],
      ['a', 1],
      ['b', 20],
      ['a', 5],
      ['c', 1],
    ].map(([key, ms], i) => ({ key: key as string, ms: ms as number, name: `${key}${i}` }))
    await runKeyed(
      items,
      (x) => x.key,
      4,
      async (x) => {
        await tick(x.ms)
        seen.push(x.name)
      },
      () => {},
    )
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a0', 'a2', 'a4'])
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b3'])
    expect(seen.indexOf('c5')).toBeLessThan(seen.indexOf('a0'))
  })

  it('never runs more than the concurrency limit at once', async () => {
    let running = 0
    let peak = 0
    await runKeyed(
      Array.from({ length: 20 }, (_, i) => i),
      (i) => (i % 2 ? null : `k${i}`),
      3,
      async () => {
        running++
        peak = Math.max(peak, running)
        await tick(2)
        running--
      },
      () => {},
    )
    expect(peak).toBe(3)
  })

  it('runs synchronous tasks in order without waiting for a tick, mixed with asynchronous ones', async () => {
    const seen: number[] = []
    const done = runKeyed(
      Array.from({ length: 1000 }, (_, i) => i),
      (i) => `k${i % 3}`,
      2,
      (i) => {
        if (i % 100 === 0) return tick(1).then(() => void seen.push(i))
        seen.push(i)
        return undefined
      },
      () => {},
    )
    await done
    expect(seen).toHaveLength(1000)
    for (const k of [0, 1, 2]) {
      const ofKey = seen.filter((i) => i % 3 === k)
      expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b))
    }
  })

  it('reports a throwing or rejecting task and goes on with its key', async () => {
    const errors: string[] = []
    const seen: number[] = []
    await runKeyed(
      [1, 2, 3, 4],
      () => 'k',
      2,
      (i) => {
        if (i === 1) throw new Error('sync boom')
        if (i === 2) return Promise.reject(new Error('async boom'))
        seen.push(i)
        return undefined
      },
      (i, err) => errors.push(`${i}:${(err as Error).message}`),
    )
    expect(errors).toEqual(['1:sync boom', '2:async boom'])
    expect(seen).toEqual([3, 4])
  })

  it('settles at once for an empty batch', async () => {
    await expect(
      runKeyed(
        [],
        () => null,
        1,
        () => {},
        () => {},
      ),
    ).resolves.toBeUndefined()
  })

  it('in order: starts items strictly in their order, a busy key holding back the items after it', async () => {
    const started: string[] = []
    const finished: string[] = []
    let running = 0
    let peak = 0
    const items = [
      ['a', 30],
      ['b', 1],
      ['a', 1],
      ['c', 1],
      ['d', 1],
      ['e', 5],
      ['f', 1],
    ].map(([key, ms], i) => ({ key: key as string, ms: ms as number, name: `${key}${i}` }))
    await runKeyed(
      items,
      (x) => x.key,
      3,
      async (x) => {
        started.push(x.name)
        running++
        peak = Math.max(peak, running)
        await tick(x.ms)
        running--
        finished.push(x.name)
      },
      () => {},
      { inOrder: true },
    )
    expect(started).toEqual(items.map((x) => x.name))
    // a2 waits for a0, and c3 (a free key) does not overtake it.
    expect(finished.indexOf('c3')).toBeGreaterThan(finished.indexOf('a0'))
    expect(finished.indexOf('b1')).toBeLessThan(finished.indexOf('a0'))
    expect(peak).toBeLessThanOrEqual(3)
  })

  it('in order: runs synchronous tasks in one loop and reports their errors', async () => {
    const seen: number[] = []
    const errors: number[] = []
    await runKeyed(
      Array.from({ length: 10_000 }, (_, i) => i),
      (i) => `k${i % 3}`,
      2,
      (i) => {
        if (i === 7) throw new Error('boom')
        seen.push(i)
      },
      (i) => errors.push(i),
      { inOrder: true },
    )
    expect(seen).toHaveLength(9_999)
    expect(seen.slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 8])
    expect(errors).toEqual([7])
  })
})
