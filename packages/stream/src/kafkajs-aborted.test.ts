import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

// kafkajs as the runtime loads it (with patches/kafkajs@2.2.4.patch applied).
const require = createRequire(import.meta.url)
const filterAbortedMessages = require(
  join(dirname(require.resolve('kafkajs')), 'src/consumer/filterAbortedMessages.js'),
) as (input: {
  messages: Message[]
  abortedTransactions: { firstOffset: string; producerId: string }[]
}) => Message[]

interface Message {
  offset: string
  key: Buffer | null
  batchContext: { producerId: string; inTransaction: boolean }
}

const record = (offset: number, producerId: string): Message => ({
  offset: String(offset),
  key: Buffer.from(`k${offset}`),
  batchContext: { producerId, inTransaction: true },
})
/** The control record that ends an aborted transaction (key: version 0, type 0 = abort). */
const abortMarker = (offset: number, producerId: string): Message => ({
  offset: String(offset),
  key: Buffer.from([0, 0, 0, 0]),
  batchContext: { producerId, inTransaction: true },
})

describe('read_committed filtering of aborted transactions (kafkajs patch)', () => {
  it('drops every aborted record when several aborted transactions began before the fetch', () => {
    // Three producers (one per input partition of a stage) interleave in one output partition; the
    // two killed ones had open transactions that the restarted instance aborted. A fetch starting
    // at 12 meets two aborted transactions already begun (at 10 and 11) and one committed producer.
    const messages = [
      record(12, 'A'),
      record(13, 'B'),
      record(14, 'C'),
      record(15, 'A'),
      abortMarker(16, 'A'),
      abortMarker(17, 'B'),
      record(18, 'C'),
    ]
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { firstOffset: '11', producerId: 'B' },
        { firstOffset: '10', producerId: 'A' },
      ],
    })
    expect(kept.filter((m) => m.key?.[0] !== 0).map((m) => m.offset)).toEqual(['14', '18'])
  })

  it('keeps the records a producer writes after its aborted transaction ended', () => {
    const kept = filterAbortedMessages({
      messages: [record(5, 'A'), abortMarker(6, 'A'), record(7, 'A'), record(8, 'B')],
      abortedTransactions: [{ firstOffset: '5', producerId: 'A' }],
    })
    expect(kept.filter((m) => m.key?.[0] !== 0).map((m) => m.offset)).toEqual(['7', '8'])
  })
})
