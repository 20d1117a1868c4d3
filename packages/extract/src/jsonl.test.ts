import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createJsonlHandler } from './jsonl.ts'

const html = readFileSync(new URL('../test/fixtures/wire-story.html', import.meta.url), 'utf8')

describe('createJsonlHandler', () => {
  it('turns one input line into the output fields of copydesk extract --jsonl', () => {
    const handle = createJsonlHandler()
    const out = handle({ id: 'a1', url: 'https://ledger.example/x', contentType: 'text/html', body: html })
    expect(Object.keys(out)).toEqual([
      'id',
      'title',
      'body',
      'byline',
      'publishedAt',
      'section',
      'language',
      'wireAgency',
    ])
    expect(out).toMatchObject({
      id: 'a1',
      wireAgency: 'Reuters',
      byline: ['Marta Keller'],
      language: 'en-GB',
    })
    expect(out.body.split('\n\n')).toHaveLength(6)
  })

  it('rejects a line without a body with ERR_SCHEMA naming the field', () => {
    const handle = createJsonlHandler()
    expect(() => handle({ id: 'a2', contentType: 'text/html' })).toThrow(
      expect.objectContaining({ code: 'ERR_SCHEMA' }),
    )
    expect(() => handle({ id: 'a2', contentType: 'text/html' })).toThrow(/body/)
  })

  it('requires the content type, as the input format of the command does', () => {
    const handle = createJsonlHandler()
    expect(() => handle({ id: 'a3', body: '<p>text</p>' })).toThrow(/contentType/)
  })
})
