import { KafkaContainer } from '@testcontainers/kafka'
import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers'
import type { Stack } from './stack.ts'

const images = {
  kafka: 'apache/kafka:4.1.1',
  s3: 'andrewgaul/s3proxy:sha-latest',
  redis: 'redis:7.4-alpine',
}
const s3Credentials = { accessKeyId: 'copydesk', secretAccessKey: 'copydesk-secret' }

/** True when testcontainers finds a container engine (a Docker socket that answers). */
export async function dockerAvailable(): Promise<boolean> {
  if (process.env.COPYDESK_STACK === 'local') return false
  try {
    await getContainerRuntimeClient()
    return true
  } catch {
    return false
  }
}

/** Starts Kafka (KRaft), S3Proxy and Redis as containers; the same services as infra/local. */
export async function startDockerStack(): Promise<{ stack: Stack; stop: () => Promise<void> }> {
  const [kafka, s3, redis] = await Promise.all([
    new KafkaContainer(images.kafka).withKraft().start(),
    new GenericContainer(images.s3)
      .withEnvironment({
        S3PROXY_AUTHORIZATION: 'aws-v2-or-v4',
        S3PROXY_IDENTITY: s3Credentials.accessKeyId,
        S3PROXY_CREDENTIAL: s3Credentials.secretAccessKey,
        JCLOUDS_PROVIDER: 'transient-nio2',
      })
      .withExposedPorts(80)
      .withWaitStrategy(Wait.forHttp('/', 80).forStatusCodeMatching((code) => code < 500))
      .start(),
    new GenericContainer(images.redis)
      .withExposedPorts(6379)
      .withWaitStrategy(Wait.forLogMessage('Ready to accept'))
      .start(),
  ])
  return {
    stack: {
      source: 'docker',
      kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
      s3: {
        endpoint: `http://${s3.getHost()}:${s3.getMappedPort(80)}`,
        region: 'us-east-1',
        ...s3Credentials,
      },
      redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    },
    stop: async () => {
      await Promise.all([kafka.stop(), s3.stop(), redis.stop()])
    },
  }
}
