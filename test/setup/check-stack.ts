import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { Redis } from 'ioredis'
import { Kafka, logLevel } from 'kafkajs'
import type { Stack } from './stack.ts'

async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Makes one admin call to each service; throws an error naming every one that does not answer. */
export async function checkStack(stack: Stack): Promise<void> {
  const problems: string[] = []
  const kafka = new Kafka({ brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } })
  const admin = kafka.admin()
  await withTimeout(
    'kafka',
    15_000,
    admin.connect().then(() => admin.describeCluster()),
  )
    .catch((err: Error) =>
      problems.push(`Kafka at ${stack.kafkaBrokers.join(',')} does not answer: ${err.message}`),
    )
    .finally(() => admin.disconnect().catch(() => {}))
  const s3 = new S3Client({
    endpoint: stack.s3.endpoint,
    region: stack.s3.region,
    forcePathStyle: true,
    credentials: stack.s3,
    maxAttempts: 2,
  })
  await withTimeout('s3', 15_000, s3.send(new ListBucketsCommand({})))
    .catch((err: Error) =>
      problems.push(`the S3 server at ${stack.s3.endpoint} does not answer: ${err.name} ${err.message}`),
    )
    .finally(() => s3.destroy())
  const redis = new Redis(stack.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  })
  await withTimeout(
    'redis',
    10_000,
    redis.connect().then(() => redis.ping()),
  )
    .catch((err: Error) => problems.push(`Redis at ${stack.redisUrl} does not answer: ${err.message}`))
    .finally(() => redis.disconnect())
  if (problems.length > 0) {
    throw new Error(
      `the integration test stack is not reachable (${stack.source}):\n- ${problems.join('\n- ')}`,
    )
  }
}
