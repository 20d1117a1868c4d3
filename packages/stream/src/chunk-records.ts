import type { ProducerRecord } from './dead-letter.ts'

/** Approximate wire size of a record: key, value and header names and values. */
export function estimateRecordBytes(record: Pick<ProducerRecord, 'key' | 'value' | 'headers'>): number {
  const size = (v: Buffer | string | null | undefined) =>
    v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length
  let bytes = 70 + size(record.key) + size(record.value)
  // A plain loop: this runs once per output record, and entries/array wrappers are garbage.
  for (const name in record.headers) {
    const value = record.headers[name]
    bytes += name.length + 2
    if (Array.isArray(value)) for (const v of value) bytes += size(v) + 2
    else bytes += size(value) + 2
  }
  return bytes
}

/**
 * Splits records into consecutive groups of at most `maxBytes` each, keeping their order. kafkajs
 * puts every message for one partition of a send into one record batch, and a broker rejects a
 * batch above `message.max.bytes` (1 MB by default) for good: without the split, one large batch
 * would fail its transaction on every retry. A record larger than `maxBytes` travels alone.
 */
export function chunkRecords<R extends Pick<ProducerRecord, 'key' | 'value' | 'headers'>>(
  records: readonly R[],
  maxBytes: number,
): R[][] {
  const chunks: R[][] = []
  let current: R[] = []
  let bytes = 0
  for (const record of records) {
    const size = estimateRecordBytes(record)
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current)
      current = []
      bytes = 0
    }
    current.push(record)
    bytes += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}
