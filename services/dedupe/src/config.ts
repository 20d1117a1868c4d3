import { checkStreamConfig, StreamConfigFields } from '@copydesk/stream'
import { z } from 'zod'

/** Environment of the dedupe service: Redis shares the cluster state between instances. */
export const DedupeConfig = StreamConfigFields.extend({
  KAFKA_GROUP_ID: z.string().min(1).default('copydesk.dedupe').describe('consumer group'),
  TOPIC_PREFIX: z
    .string()
    .default('')
    .describe('prefix of every topic name, to share a cluster between pipelines'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://host:port')
    .optional()
    .describe('shared dedupe state; unset keeps it in memory (one instance only)'),
  DEDUPE_WINDOW_DAYS: z.coerce.number().positive().default(3).describe('how long an article can be matched'),
  DEDUPE_KEY_PREFIX: z.string().default('copydesk:dedupe').describe('prefix of the Redis keys'),
}).superRefine(checkStreamConfig)
export type DedupeConfig = z.infer<typeof DedupeConfig>
