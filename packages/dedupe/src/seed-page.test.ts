import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makePage, makeStory } from '../test/make-story.ts'
import { createDeduper } from './deduper.ts'
import { MemoryStore } from './memory-store.ts'

const page = readFileSync(join(import.meta.dirname, '../../../test/fixtures/pages/seed/page.txt'), 'utf8')

describe('dedupe on the seed page (a real scraped page dump)', () => {
  it('folds a reprint with another header, a cut ending and teasers under the scraped page', async () => {
    const deduper = createDeduper(new MemoryStore())
    await deduper.assign({ articleId: 'seed', text: page, ts: '2024-05-17T10:00:00Z' })
    const paragraphs = page.split(/\n\s*\n/).filter((p) => p.trim().length > 0)
    const kept = paragraphs.slice(2, Math.ceil(paragraphs.length * 0.7))
    kept.splice(3, 0, 'READ ALSO: Markets rally as rates hold steady', '• Ten things to watch this week')
    const reprint = [
      'The Harbour Times',
      'Home | World | Politics',
      'Pyongyang rejects arms claims',
      ...kept,
    ].join('\n\n')
    const result = await deduper.assign({ articleId: 'reprint', text: reprint, ts: '2024-05-17T12:00:00Z' })
    expect(result).toMatchObject({ clusterId: 'seed', duplicateOf: 'seed', kind: 'near' })
    const other = await deduper.assign({
      articleId: 'other',
      text: makePage(makeStory(3), 'The Harbour Times'),
    })
    expect(other).toMatchObject({ clusterId: 'other', kind: 'unique' })
  })
})
