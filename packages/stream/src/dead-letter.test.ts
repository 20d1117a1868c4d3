import { CopydeskError, DlqHeader } from '@copydesk/contracts'
import { describe, expect, it } from 'vitest'
import { buildDeadLetter } from './dead-letter.ts'

describe('buildDeadLetter', () => {
  const record = {
    topic: 'articles.raw',
    partition: 2,
    offset: '41',
    key: Buffer.from('k1'),
    value: Buffer.from('{not json'),
    headers: { ce_id: Buffer.from('abc'), trace: ['x', 'y'] },
  }

  it('keeps key, value and headers and names stage, error, origin and time', () => {
    const error = new CopydeskError('ERR_INVALID_JSON', 'invalid event: Unexpected token n')
    const dl = buildDeadLetter('ingest', record, error, new Date('2026-11-28T01:00:00Z'))
    expect(dl.topic).toBe('articles.raw.dlq')
    expect(dl.key).toBe(record.key)
    expect(dl.value).toBe(record.value)
    expect(dl.headers).toMatchObject({
      ce_id: record.headers.ce_id,
      trace: ['x', 'y'],
      [DlqHeader.stage]: 'ingest',
      [DlqHeader.errorCode]: 'ERR_INVALID_JSON',
      [DlqHeader.errorMessage]: 'invalid event: Unexpected token n',
      [DlqHeader.topic]: 'articles.raw',
      [DlqHeader.partition]: '2',
      [DlqHeader.offset]: '41',
      [DlqHeader.time]: '2026-11-28T01:00:00.000Z',
    })
  })

  it('cuts very long messages', () => {
    const error = new CopydeskError('ERR_SCHEMA', 'x'.repeat(10_000))
    const header = buildDeadLetter('s', record, error).headers[DlqHeader.errorMessage] as string
    expect(header.length).toBeLessThan(4100)
  })
})
