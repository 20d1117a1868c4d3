import { describe, expect, it } from 'vitest'
import { checkStack } from '../setup/check-stack.ts'
import { stackFromEnv } from '../setup/stack.ts'

// The harness never skips: a stack that does not answer fails the run, and says which part and why.
describe('the test-stack check', () => {
  it('fails with a reason naming every service that does not answer', async () => {
    const stack = stackFromEnv({
      KAFKA_BROKERS: '127.0.0.1:1',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      S3_ACCESS_KEY_ID: 'x',
      S3_SECRET_ACCESS_KEY: 'y',
      REDIS_URL: 'redis://127.0.0.1:1',
    })!
    const err = await checkStack(stack).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    const message = (err as Error).message
    expect(message).toContain('Kafka at 127.0.0.1:1 does not answer')
    expect(message).toContain('the S3 server at http://127.0.0.1:1 does not answer')
    expect(message).toContain('Redis at redis://127.0.0.1:1 does not answer')
  })

  it('refuses an environment that names only part of a stack', () => {
    expect(() => stackFromEnv({ KAFKA_BROKERS: 'localhost:9092' })).toThrow(
      /not S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, REDIS_URL/,
    )
  })
})
