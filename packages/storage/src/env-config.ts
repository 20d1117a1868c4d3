import { z } from 'zod'
import type { S3StoreOptions } from './options.ts'

const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes')

/** S3 environment variables of the services, to `.extend()` a service's config with. */
export const S3EnvFields = {
  S3_BUCKET: z.string().min(3).describe('bucket for records and batch files'),
  S3_REGION: z.string().default('us-east-1').describe('region'),
  S3_ENDPOINT: z.url().optional().describe('endpoint of an S3-compatible server; unset for AWS'),
  S3_FORCE_PATH_STYLE: flag(false).describe('path-style URLs (most self-hosted servers need it)'),
  S3_ACCESS_KEY_ID: z.string().optional().describe('static credentials; unset uses the default AWS chain'),
  S3_SECRET_ACCESS_KEY: z.string().optional().describe('static secret (redacted in logs)'),
  S3_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .describe('S3 requests in flight at once'),
  S3_SIGN_PAYLOAD: z
    .enum(['auto', 'always', 'never'])
    .default('auto')
    .describe('sign request bodies (SHA-256); auto: only over plain HTTP to another host'),
}

/** S3 store options from validated S3_* variables. */
export function s3OptionsFrom(env: {
  S3_BUCKET: string
  S3_REGION: string
  S3_ENDPOINT?: string | undefined
  S3_FORCE_PATH_STYLE: boolean
  S3_ACCESS_KEY_ID?: string | undefined
  S3_SECRET_ACCESS_KEY?: string | undefined
  S3_CONCURRENCY: number
  S3_SIGN_PAYLOAD?: 'auto' | 'always' | 'never' | undefined
}): S3StoreOptions {
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
    ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
    concurrency: env.S3_CONCURRENCY,
    ...(env.S3_SIGN_PAYLOAD ? { signPayload: env.S3_SIGN_PAYLOAD } : {}),
    maxAttempts: 3,
  }
}
