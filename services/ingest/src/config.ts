import { S3EnvFields } from '@copydesk/storage'
import { checkStreamConfig, StreamConfigFields } from '@copydesk/stream'
import { z } from 'zod'

/** Environment of the ingest service: the runtime's settings, S3 for pages sent by reference, limits. */
export const IngestConfig = StreamConfigFields.extend({
  KAFKA_GROUP_ID: z.string().min(1).default('copydesk.ingest').describe('consumer group'),
  TOPIC_PREFIX: z
    .string()
    .default('')
    .describe('prefix of every topic name, to share a cluster between pipelines'),
  ...S3EnvFields,
  S3_BUCKET: S3EnvFields.S3_BUCKET.default('copydesk').describe(
    'default bucket (bodyRef URIs name their own)',
  ),
  INGEST_MAX_REF_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024)
    .describe('largest page read by reference'),
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000).describe('time budget of one page'),
}).superRefine(checkStreamConfig)
export type IngestConfig = z.infer<typeof IngestConfig>
