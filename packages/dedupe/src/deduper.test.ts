import { describe, expect, it } from 'vitest'
import { editWords, makePage, makeStory } from '../test/make-story.ts'
import { createDeduper } from './deduper.ts'
import { MemoryStore } from './memory-store.ts'

const DAY = 86_400_000
const T = Date.parse('2024-03-01T08:00:00Z')

function setup() {
  const store = new MemoryStore()
  return { store, deduper: createDeduper(store) }
}

describe('createDeduper', () => {
  const story = makeStory(1, 12)
  const other = makeStory(2, 12)

  it('marks a retitled, trimmed and edited copy of an AFP story as a near duplicate', async () => {
    const { deduper } = setup()
    const original = await deduper.assign({ articleId: 'afp-1', text: makePage(story, 'Agence Wire'), ts: T })
    const copy = makePage(story, 'Daily Bugle', {
      title: 'Something else entirely',
      keep: 9,
      teasers: ['Other news'],
    })
    const result = await deduper.assign({
      articleId: 'bugle-1',
      text: editWords(copy, 80),
      ts: T + 3_600_000,
    })
    expect(original).toMatchObject({ clusterId: 'afp-1', duplicateOf: null, kind: 'unique' })
    expect(result).toMatchObject({ clusterId: 'afp-1', duplicateOf: 'afp-1', kind: 'near' })
    expect(result.similarity).toBeGreaterThan(0.8)
  })

  it('marks a copy that differs only in whitespace as exact', async () => {
    const { deduper } = setup()
    const text = makePage(story, 'Agence Wire')
    await deduper.assign({ articleId: 'a', text, ts: T })
    const result = await deduper.assign({ articleId: 'b', text: text.replace(/ /g, '  '), ts: T + 1 })
    expect(result).toMatchObject({ clusterId: 'a', duplicateOf: 'a', kind: 'exact', similarity: 1 })
  })

  it('folds a brief of the first paragraphs under the long original, in either order', async () => {
    const brief = makePage(story, 'Morning Post', { keep: 2 })
    const full = makePage(story, 'Agence Wire')
    const first = setup()
    await first.deduper.assign({ articleId: 'full', text: full, ts: T })
    expect(await first.deduper.assign({ articleId: 'brief', text: brief, ts: T + 1 })).toMatchObject({
      clusterId: 'full',
      kind: 'near',
    })
    const second = setup()
    await second.deduper.assign({ articleId: 'brief', text: brief, ts: T })
    expect(await second.deduper.assign({ articleId: 'full', text: full, ts: T + 1 })).toMatchObject({
      clusterId: 'brief',
      kind: 'near',
    })
  })

  it('keeps different stories from the same outlet apart', async () => {
    const { deduper } = setup()
    await deduper.assign({ articleId: 'one', text: makePage(story, 'Daily Bugle'), ts: T })
    const result = await deduper.assign({ articleId: 'two', text: makePage(other, 'Daily Bugle'), ts: T + 1 })
    expect(result).toMatchObject({ clusterId: 'two', duplicateOf: null, kind: 'unique' })
  })

  it('does not chain stories together through a digest of their leads', async () => {
    const { deduper } = setup()
    const third = makeStory(3, 12)
    await deduper.assign({ articleId: 's1', text: makePage(story, 'Agence Wire'), ts: T })
    await deduper.assign({ articleId: 's2', text: makePage(other, 'Agence Wire'), ts: T + 1 })
    const leads = [story, other, third].map((s) => `${s.title}\n\n${s.paragraphs[0]}`).join('\n\n')
    const digest = await deduper.assign({ articleId: 'digest', text: `News in brief\n\n${leads}`, ts: T + 2 })
    expect(digest).toMatchObject({ clusterId: 'digest', kind: 'unique' })
    const brief = makePage(third, 'Morning Post', { keep: 1 })
    expect(await deduper.assign({ articleId: 'brief3', text: brief, ts: T + 3 })).toMatchObject({
      clusterId: 'brief3',
    })
    const copy = makePage(other, 'Daily Bugle', { title: 'Retitled' })
    expect(await deduper.assign({ articleId: 'copy2', text: copy, ts: T + 4 })).toMatchObject({
      clusterId: 's2',
    })
  })

  it('answers a replayed article with its first answer and does not count it twice', async () => {
    const { store, deduper } = setup()
    await deduper.assign({ articleId: 'a', text: makePage(story, 'Agence Wire'), ts: T })
    const first = await deduper.assign({ articleId: 'b', text: makePage(story, 'Daily Bugle'), ts: T + 1 })
    const again = await deduper.assign({ articleId: 'b', text: makePage(story, 'Daily Bugle'), ts: T + 1 })
    expect(again).toEqual(first)
    expect(store.articleCount).toBe(2)
  })

  it('gives the same cluster ids when the same input is replayed into a fresh store', async () => {
    const input = [story, other, story, makeStory(4), other].map((s, i) => ({
      articleId: `id-${i}`,
      text: makePage(s, `Outlet ${i}`, { keep: 12 - i }),
      ts: T + i,
    }))
    const run = async () => {
      const { deduper } = setup()
      const out = []
      for (const a of input) out.push(await deduper.assign(a))
      return out
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(first.map((r) => r.clusterId)).toEqual(['id-0', 'id-1', 'id-0', 'id-3', 'id-1'])
  })

  it("prefers the agency's own original as canonical, even when it arrives after a copy", async () => {
    const { deduper } = setup()
    await deduper.assign({ articleId: 'copy-1', text: makePage(story, 'Daily Bugle'), ts: T - 1000 })
    const original = await deduper.assign({
      articleId: 'afp-orig',
      text: makePage(story, 'Agence Wire'),
      ts: T,
      agencyOriginal: true,
      wireAgency: 'AFP',
    })
    expect(original).toMatchObject({
      clusterId: 'copy-1',
      duplicateOf: null,
      kind: 'near',
      wireAgency: 'AFP',
    })
    const later = await deduper.assign({
      articleId: 'copy-2',
      text: makePage(story, 'Evening Star'),
      ts: T + 1,
    })
    expect(later).toMatchObject({ clusterId: 'copy-1', duplicateOf: 'afp-orig' })
  })

  it('prefers the earliest copy as canonical when no agency original is known', async () => {
    const { deduper } = setup()
    await deduper.assign({ articleId: 'late', text: makePage(story, 'Daily Bugle'), ts: T + DAY / 2 })
    await deduper.assign({ articleId: 'early', text: makePage(story, 'Evening Star'), ts: T })
    const third = await deduper.assign({
      articleId: 'third',
      text: makePage(story, 'Morning Post'),
      ts: T + DAY,
    })
    expect(third).toMatchObject({ clusterId: 'late', duplicateOf: 'early' })
  })

  it('reads each of a burst of concurrent copies once: a copy waits for the earlier one instead of conflicting', async () => {
    const store = new MemoryStore()
    let reads = 0
    const counting = {
      read: (...args: Parameters<MemoryStore['read']>) => {
        reads++
        return store.read(...args)
      },
      commit: (...args: Parameters<MemoryStore['commit']>) => store.commit(...args),
      close: () => store.close(),
    }
    const deduper = createDeduper(counting)
    const copies = ['Agence Wire', 'Daily Bugle', 'Morning Post', 'Evening Star'].map((outlet, i) => ({
      articleId: `c${i}`,
      text: makePage(story, outlet, { keep: 10 - i }),
      ts: T + i,
    }))
    const results = await Promise.all(copies.map((a) => deduper.assign(a)))
    expect(reads).toBe(4)
    expect(new Set(results.map((r) => r.clusterId))).toEqual(new Set(['c0']))
  })
  it('runs each assign on a synchronous store to its end: a burst of copies is one cluster, each read once', async () => {
    class CountingStore extends MemoryStore {
      reads = 0
      override readSync(...args: Parameters<MemoryStore['readSync']>) {
        this.reads++
        return super.readSync(...args)
      }
    }
    const store = new CountingStore()
    const deduper = createDeduper(store)
    const copies = ['Agence Wire', 'Daily Bugle', 'Morning Post', 'Evening Star'].map((outlet, i) => ({
      articleId: `s${i}`,
      text: makePage(story, outlet, { keep: 10 - i }),
      ts: T + i,
    }))
    const results = await Promise.all(copies.map((a) => deduper.assign(a)))
    expect(store.reads).toBe(4)
    expect(results.map((r) => r.clusterId)).toEqual(['s0', 's0', 's0', 's0'])
  })
})
