import type { TestProject } from 'vitest/node'
import { checkStack } from './check-stack.ts'
import { dockerAvailable, startDockerStack } from './docker-stack.ts'
import { type Stack, stackFromEnv, startLocalStack } from './stack.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Stack
    kafkaBrokers: string[]
    redisUrl: string
  }
}

/**
 * One broker, S3 server and Redis per test run: named by the environment when set, else started
 * with testcontainers when a Docker engine answers, else started from infra/local. No reachable
 * service fails the run with the reason; nothing is skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stack = stackFromEnv()
  let stop = async () => {}
  if (!stack) {
    const started = (await dockerAvailable()) ? await startDockerStack() : await startLocalStack()
    stack = started.stack
    stop = started.stop
  }
  await checkStack(stack)
  project.provide('stack', stack)
  project.provide('kafkaBrokers', stack.kafkaBrokers)
  project.provide('redisUrl', stack.redisUrl)
  console.log(
    `[test stack] ${stack.source}: kafka ${stack.kafkaBrokers.join(',')}, s3 ${stack.s3.endpoint}, redis ${stack.redisUrl}`,
  )
  return stop
}
