import { S3EnvFields } from '@copydesk/storage'
import { checkStreamConfig, StreamConfigFields } from '@copydesk/stream'
import { z } from 'zod'

/** Environment of the archive service: where records and batch files go, and when batches flush. */
export const ArchiveConfig = StreamConfigFields.extend({
  KAFKA_GROUP_ID: z.string().min(1).default('copydesk.archive').describe('consumer group'),
  TOPIC_PREFIX: z
    .string()
    .default('')
    .describe('prefix of every topic name, to share a cluster between pipelines'),
  ...S3EnvFields,
  BATCH_MAX_RECORDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(1000)
    .describe('records per batch file (offset-aligned)'),
  BATCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024)
    .describe('bytes per batch file'),
  BATCH_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(60_000)
    .describe('oldest unwritten line of an open file'),
  BATCH_IDLE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5000)
    .describe('write an open file after this much quiet'),
}).superRefine(checkStreamConfig)
export type ArchiveConfig = z.infer<typeof ArchiveConfig>
