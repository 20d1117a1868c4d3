import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DedupedArticle, makeExtractedArticle, StoredRecord } from '@copydesk/contracts'
import { LocalFolderStore } from '@copydesk/storage'
import { describe, expect, it, onTestFinished } from 'vitest'
import { archiveArticle, buildRecord, rebuildLine, recordLine } from './archive.ts'
import { makePipelineVersion } from './version.ts'

const article: DedupedArticle = {
  ...makeExtractedArticle(),
  entities: [],
  topics: [{ code: 'medtop:11000000', label: 'politics and government', score: 0.9 }],
  dedupe: { clusterId: 'c1', duplicateOf: null, kind: 'unique', similarity: 0 },
}
const pipeline = makePipelineVersion({ extract: '0.1.0' })

describe('archive', () => {
  it('builds the same bytes, hash and key for the same article and pipeline version', () => {
    const a = buildRecord(article, pipeline)
    const b = buildRecord(structuredClone(article), pipeline)
    expect(a.bytes.equals(b.bytes)).toBe(true)
    expect(a.key).toBe(`articles/v1/2024/05/17/${article.articleId}/${a.record.contentHash}.json`)
    expect(StoredRecord.parse(JSON.parse(a.bytes.toString()))).toEqual(a.record)
  })

  it('rebuilds the batch-file line of an input record from its bytes, and none for a record that is not an article', () => {
    const bytes = Buffer.from(JSON.stringify(article))
    expect(rebuildLine(bytes, pipeline)).toBe(recordLine(buildRecord(article, pipeline)))
    expect(rebuildLine(Buffer.from('{"articleId": 7}'), pipeline)).toBeNull()
    expect(rebuildLine(Buffer.from('not json'), pipeline)).toBeNull()
    expect(rebuildLine(null, pipeline)).toBeNull()
  })

  it('gives another object for another pipeline version', () => {
    const other = buildRecord(article, makePipelineVersion({ extract: '0.2.0' }))
    expect(other.key).not.toBe(buildRecord(article, pipeline).key)
  })

  it('returns the event only with the stored object’s location, etag and size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-archive-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const store = new LocalFolderStore(dir)
    const { built, event } = await archiveArticle(article, { store, pipeline })
    expect(await store.head(built.key)).toEqual({
      etag: event.record.etag,
      size: event.record.size,
      metadata: {},
    })
    expect(event).toMatchObject({
      articleId: article.articleId,
      record: { contentHash: built.record.contentHash },
      pipeline,
    })
  })
})
