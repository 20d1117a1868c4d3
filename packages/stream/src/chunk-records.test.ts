import { describe, expect, it } from 'vitest'
import { chunkRecords, estimateRecordBytes } from './chunk-records.ts'

const record = (n: number, bytes: number) => ({
  topic: 't',
  key: `k${n}`,
  value: 'x'.repeat(bytes),
  headers: { h: 'v' },
})

describe('chunkRecords', () => {
  it('keeps order and stays under the byte limit per chunk', () => {
    const records = Array.from({ length: 10 }, (_, i) => record(i, 300))
    const chunks = chunkRecords(records, 1000)
    expect(chunks.flat()).toEqual(records)
    for (const c of chunks)
      expect(c.reduce((s, r) => s + estimateRecordBytes(r), 0)).toBeLessThanOrEqual(1000)
    expect(chunks.length).toBeGreaterThan(3)
  })

  it('sends a record larger than the limit alone', () => {
    const chunks = chunkRecords([record(1, 10), record(2, 5000), record(3, 10)], 1000)
    expect(chunks.map((c) => c.map((r) => r.key))).toEqual([['k1'], ['k2'], ['k3']])
  })

  it('returns no chunk for no records', () => {
    expect(chunkRecords([], 1000)).toEqual([])
  })
})
