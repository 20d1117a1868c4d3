import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderJsonSchemas, renderTopicDefinitions } from './json-schema.ts'

const schemaDir = join(import.meta.dirname, '../../../infra/schemas')

describe('JSON Schema export', () => {
  it('matches the committed files in infra/schemas (run `pnpm --filter @copydesk/contracts jsonschema` if not)', () => {
    const rendered = renderJsonSchemas()
    expect(Object.keys(rendered).sort()).toEqual([
      'deduped-article.v1.json',
      'enriched-event.v1.json',
      'extracted-article.v1.json',
      'raw-page.v1.json',
      'stored-record.v1.json',
      'tagged-article.v1.json',
    ])
    for (const [file, text] of Object.entries(rendered)) {
      expect(readFileSync(join(schemaDir, file), 'utf8'), `infra/schemas/${file} is stale`).toBe(text)
    }
  })
  it('writes the topic definitions to infra/topics/topics.json', () => {
    expect(readFileSync(join(schemaDir, '..', 'topics', 'topics.json'), 'utf8')).toBe(
      renderTopicDefinitions(),
    )
  })
})
