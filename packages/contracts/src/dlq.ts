/**
 * Headers the stream runtime adds to a dead-letter record (`<input topic>.dlq`). The original key,
 * value and headers are kept untouched; these say which stage rejected it, why, and where it came
 * from, so `copydesk dlq` can show and replay it.
 */
export const DlqHeader = {
  /** Name of the stage that rejected the record. */
  stage: 'dlq_stage',
  /** The CopydeskError code, e.g. ERR_SCHEMA. */
  errorCode: 'dlq_error_code',
  /** The error message (for ERR_SCHEMA: every failing field path). */
  errorMessage: 'dlq_error_message',
  /** Topic the record was read from. */
  topic: 'dlq_original_topic',
  /** Partition the record was read from. */
  partition: 'dlq_original_partition',
  /** Offset of the record in its original partition. */
  offset: 'dlq_original_offset',
  /** When the record was dead-lettered (ISO 8601). */
  time: 'dlq_time',
  /** How many times `copydesk dlq redrive` has sent this record back to its topic. */
  redriveCount: 'copydesk_redrive_count',
} as const

export type DlqHeader = (typeof DlqHeader)[keyof typeof DlqHeader]
