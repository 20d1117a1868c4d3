import { z } from 'zod'

/** S3 settings, from S3_* environment variables in the services. */
export const S3StoreOptions = z.object({
  bucket: z.string().min(3).describe('bucket for records and batch files (S3_BUCKET)'),
  region: z.string().default('us-east-1').describe('region (S3_REGION)'),
  endpoint: z.url().optional().describe('endpoint of an S3-compatible server; unset for AWS (S3_ENDPOINT)'),
  forcePathStyle: z
    .boolean()
    .default(false)
    .describe('path-style URLs, needed by most local servers (S3_FORCE_PATH_STYLE)'),
  accessKeyId: z
    .string()
    .optional()
    .describe('static credentials; unset uses the default AWS chain (S3_ACCESS_KEY_ID)'),
  secretAccessKey: z.string().optional().describe('(S3_SECRET_ACCESS_KEY)'),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .describe('requests in flight at once (S3_CONCURRENCY)'),
  signPayload: z
    .enum(['auto', 'always', 'never'])
    .optional()
    .describe(
      'SHA-256 of request bodies in the signature; auto (unset): only over plain HTTP to another host (S3_SIGN_PAYLOAD)',
    ),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('SDK attempts per request before the runtime retries (S3_MAX_ATTEMPTS)'),
})
export type S3StoreOptions = z.infer<typeof S3StoreOptions>
