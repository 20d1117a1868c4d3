import { describe, expect, it } from 'vitest'
import { makePage, makeStory } from '../test/make-story.ts'
import { createDeduper } from './deduper.ts'
import { MemoryStore } from './memory-store.ts'

const DAY = 86_400_000
const T = Date.parse('2024-03-01T08:00:00Z')

describe('MemoryStore', () => {
  it('forgets articles that left the window of days', async () => {
    const deduper = createDeduper(new MemoryStore({ windowDays: 1 }))
    const story = makeStory(11)
    await deduper.assign({ articleId: 'old', text: makePage(story, 'Agence Wire'), ts: T })
    const late = await deduper.assign({
      articleId: 'new',
      text: makePage(story, 'Daily Bugle'),
      ts: T + 3 * DAY,
    })
    expect(late).toMatchObject({ clusterId: 'new', kind: 'unique' })
  })

  it('holds no more than maxArticles, the oldest leaving first', async () => {
    const store = new MemoryStore({ maxArticles: 40 })
    const deduper = createDeduper(store)
    for (let i = 0; i < 150; i++) {
      await deduper.assign({ articleId: `a${i}`, text: makePage(makeStory(100 + i, 3), 'Outlet'), ts: T + i })
    }
    expect(store.articleCount).toBe(40)
    const recent = await deduper.assign({
      articleId: 'x',
      text: makePage(makeStory(249, 3), 'Other'),
      ts: T + 200,
    })
    expect(recent.clusterId).toBe('a149')
    const gone = await deduper.assign({
      articleId: 'y',
      text: makePage(makeStory(100, 3), 'Other'),
      ts: T + 201,
    })
    expect(gone.clusterId).toBe('y')
  })

  it('keeps clusters right while slots are reused across many evictions', async () => {
    const store = new MemoryStore({ maxArticles: 64 })
    const deduper = createDeduper(store)
    for (let i = 0; i < 400; i++) {
      const story = makeStory(1000 + Math.floor(i / 2), 4)
      const result = await deduper.assign({
        articleId: `b${i}`,
        text: makePage(story, `O${i % 2}`),
        ts: T + i,
      })
      expect(result.clusterId).toBe(`b${i - (i % 2)}`)
    }
  })
})
