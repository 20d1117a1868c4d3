import { type CopydeskError, DlqHeader, dlqTopic } from '@copydesk/contracts'
import { MAX_DLQ_MESSAGE_CHARS } from './options.ts'
import type { RawHeaders } from './types.ts'

/** A record as read from Kafka: what a dead letter must carry over untouched. */
export interface SourceRecord {
  topic: string
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
  headers?: RawHeaders | undefined
}

/** A record ready for the producer. */
export interface ProducerRecord {
  topic: string
  key: Buffer | string | null
  value: Buffer | string | null
  headers: RawHeaders
}

/**
 * Builds the dead letter of a bad record: original key, value and headers, plus headers naming the
 * stage, error code and message, and the original coordinates and time. An original header with
 * one of our names is overwritten (a redriven dead letter gets the reason of its latest failure).
 */
export function buildDeadLetter(
  stage: string,
  record: SourceRecord,
  error: CopydeskError,
  now = new Date(),
): ProducerRecord {
  const message =
    error.message.length > MAX_DLQ_MESSAGE_CHARS
      ? `${error.message.slice(0, MAX_DLQ_MESSAGE_CHARS)}…`
      : error.message
  return {
    topic: dlqTopic(record.topic),
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [DlqHeader.stage]: stage,
      [DlqHeader.errorCode]: error.code,
      [DlqHeader.errorMessage]: message,
      [DlqHeader.topic]: record.topic,
      [DlqHeader.partition]: String(record.partition),
      [DlqHeader.offset]: record.offset,
      [DlqHeader.time]: now.toISOString(),
    },
  }
}
