import { checkStreamConfig, StreamConfigFields } from '@copydesk/stream'
import { z } from 'zod'

/** Environment of the enrich service. */
export const EnrichConfig = StreamConfigFields.extend({
  KAFKA_GROUP_ID: z.string().min(1).default('copydesk.enrich').describe('consumer group'),
  TOPIC_PREFIX: z
    .string()
    .default('')
    .describe('prefix of every topic name, to share a cluster between pipelines'),
}).superRefine(checkStreamConfig)
export type EnrichConfig = z.infer<typeof EnrichConfig>
