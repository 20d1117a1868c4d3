import { z } from 'zod'

/** Delivery modes of a stage. */
export const Delivery = { exactlyOnce: 'exactly-once', atLeastOnce: 'at-least-once' } as const
export type Delivery = (typeof Delivery)[keyof typeof Delivery]

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def)
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes')

/** The runtime's environment variables as a plain object schema, for services to `.extend()`. */
export const StreamConfigFields = z.object({
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1))
    .describe('comma-separated bootstrap brokers, host:port'),
  KAFKA_CLIENT_ID: z.string().min(1).default('copydesk').describe('client id sent to the brokers'),
  KAFKA_GROUP_ID: z.string().min(1).describe('consumer group of the stage, e.g. copydesk.enrich'),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional()
    .describe('SASL mechanism; unset means no SASL'),
  KAFKA_SASL_USERNAME: z.string().optional().describe('SASL user name'),
  KAFKA_SASL_PASSWORD: z.string().optional().describe('SASL password (redacted in logs)'),
  KAFKA_SSL: flag(false).describe('connect with TLS'),
  KAFKA_FROM_BEGINNING: flag(true).describe('a new group starts at the earliest offset'),
  KAFKA_SESSION_TIMEOUT_MS: int(30_000, 1000).describe('group session timeout'),
  KAFKA_HEARTBEAT_INTERVAL_MS: int(3000, 100).describe('heartbeat interval'),
  KAFKA_REBALANCE_TIMEOUT_MS: int(60_000, 1000).describe('how long a rebalance waits for members'),
  // Under light load a fetch would return one or two records, and each batch costs a transaction
  // (five broker round trips): waiting for 256 KiB cut the pipeline's CPU per page by about a fifth
  // at half of its saturation rate. The wait is paid by every hop, though: at ~170 pages/s through
  // four services, 50 ms gave a steady-state p99 of 560-644 ms and 100 ms 756-808 ms (p50 262-312
  // against 433-449), for ~1 ms more CPU per page in all (mostly the broker's) and no change at
  // saturation, where fetches fill before the wait ends.
  KAFKA_MAX_WAIT_MS: int(50, 0).describe(
    'longest a fetch waits for KAFKA_MIN_BYTES of data: under light load, the latency each hop adds',
  ),
  KAFKA_MIN_BYTES: int(262_144, 1).describe(
    'bytes a fetch waits for (up to KAFKA_MAX_WAIT_MS): fewer, larger batches and transactions under light load',
  ),
  KAFKA_MAX_BYTES_PER_PARTITION: int(1_048_576, 1024).describe('fetch size per partition, i.e. batch size'),
  KAFKA_MAX_SEND_BYTES: int(900_000, 1024).describe(
    'largest produce request the runner builds; keep below the broker message.max.bytes',
  ),
  KAFKA_TRANSACTION_TIMEOUT_MS: int(60_000, 1000).describe('transaction timeout (exactly-once)'),
  DELIVERY: z.enum(['exactly-once', 'at-least-once']).default('exactly-once').describe('delivery mode'),
  STREAM_CONCURRENCY: int(8, 1).describe('records handled at once inside a batch (same key stays in order)'),
  // A fetch already holds every assigned partition's batch in memory (kafkajs fetches again only
  // when all are done), so handling fewer at once only delays the rest: 6 is the partition count
  // of copydesk's topics. At 165 pages/s end to end it cut the archive hop's p99 (355-411 ms
  // against 479-545 with 3).
  STREAM_PARTITIONS_CONCURRENTLY: int(6, 1).describe('partitions whose batches are processed at once'),
  // Handled batches wait while the partition's previous commit is in flight and then commit in one
  // transaction: fewer, larger transactions when commits are the bottleneck. Their outputs stay in
  // memory meanwhile: at most this many fetches (KAFKA_MAX_BYTES_PER_PARTITION each) per partition.
  // 8 against 4: the exactly-once identity stage 0.60-0.75 of the ceiling against 0.59-0.62 (four
  // alternating runs each); the services' peak RSS did not change (enrich 230 MiB).
  STREAM_MAX_UNCOMMITTED_BATCHES: int(8, 1).describe(
    'handled batches per partition not yet committed before its next fetch waits (one transaction commits all that wait)',
  ),
  STREAM_RETRY_INITIAL_MS: int(200, 1).describe('first backoff after a retryable error'),
  STREAM_RETRY_MAX_MS: int(30_000, 1).describe('longest backoff between retries'),
  HTTP_PORT: z.coerce
    .number()
    .int()
    .min(-1)
    .max(65_535)
    .default(8080)
    .describe('ops HTTP port; 0 picks one, -1 disables'),
  HTTP_HOST: z.string().default('0.0.0.0').describe('ops HTTP bind address'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level'),
  SHUTDOWN_TIMEOUT_MS: int(30_000, 100).describe('deadline from SIGTERM/SIGINT to exit'),
})

/** Cross-field checks of the runtime settings; add to an extended schema with `.superRefine`. */
export function checkStreamConfig(c: z.infer<typeof StreamConfigFields>, ctx: z.RefinementCtx): void {
  if (c.KAFKA_SASL_MECHANISM && (!c.KAFKA_SASL_USERNAME || !c.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_USERNAME'],
      message: 'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    })
  }
  if (c.KAFKA_HEARTBEAT_INTERVAL_MS * 3 > c.KAFKA_SESSION_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_HEARTBEAT_INTERVAL_MS'],
      message: 'must be at most a third of KAFKA_SESSION_TIMEOUT_MS',
    })
  }
}

/** The runtime's environment variables, validated by `loadConfig(StreamConfig)`. */
export const StreamConfig = StreamConfigFields.superRefine(checkStreamConfig)

export type StreamConfig = z.infer<typeof StreamConfig>

/** Longest error message put in a dead-letter header: headers ride along every fetch. */
export const MAX_DLQ_MESSAGE_CHARS = 4000
