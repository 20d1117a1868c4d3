import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { DlqHeader, topicDefinitions, topicsWithPrefix } from '@copydesk/contracts'
import { readRange } from '@copydesk/stream'
import { Kafka, logLevel } from 'kafkajs'
import type { Stack } from '../../setup/stack.ts'
import { buildCorpus, type CorpusPage } from './corpus.ts'
import { SERVICES, type ServiceName, ServiceProcess } from './services.ts'

export interface ReadRecord {
  partition: number
  offset: string
  timestamp: number
  key: string | null
  value: string | null
  headers: Record<string, string>
}

/** One isolated pipeline on the shared stack: its own topic prefix, groups, bucket and Redis prefix. */
export class PipelineRun {
  readonly id = randomUUID().slice(0, 8)
  readonly prefix = `e2e-${this.id}.`
  readonly topics = topicsWithPrefix(this.prefix)
  readonly bucket = `e2e-${this.id}`
  readonly kafka: Kafka
  readonly s3: S3Client
  readonly services: Record<ServiceName, ServiceProcess>
  /** the environment the services run with: Kafka, S3 and Redis of the stack */
  readonly env: Record<string, string>
  readonly corpus: CorpusPage[]
  readonly logDir = join(tmpdir(), `copydesk-e2e-${this.id}`)

  constructor(
    readonly stack: Stack,
    corpus: { total: number; wireStories: number; byRef: number },
    /** settings that replace the tests' defaults below (the benchmark runs with production ones) */
    envOverrides: Record<string, string> = {},
  ) {
    this.kafka = new Kafka({
      clientId: `e2e-${this.id}`,
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    })
    this.s3 = new S3Client({
      endpoint: stack.s3.endpoint,
      region: stack.s3.region,
      forcePathStyle: true,
      credentials: stack.s3,
    })
    this.corpus = buildCorpus({ ...corpus, bucket: this.bucket })
    const env: Record<string, string> = {
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      TOPIC_PREFIX: this.prefix,
      S3_BUCKET: this.bucket,
      S3_ENDPOINT: stack.s3.endpoint,
      S3_REGION: stack.s3.region,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: stack.s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: stack.s3.secretAccessKey,
      REDIS_URL: stack.redisUrl,
      DEDUPE_KEY_PREFIX: `e2e:${this.id}`,
      // Short sessions so that a killed member's partitions move on within seconds.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
      KAFKA_REBALANCE_TIMEOUT_MS: '10000',
      STREAM_RETRY_MAX_MS: '2000',
      BATCH_IDLE_MS: '500',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '20000',
    }
    Object.assign(env, envOverrides)
    this.env = env
    this.services = Object.fromEntries(
      SERVICES.map((s) => [
        s,
        new ServiceProcess(s, { ...env, KAFKA_GROUP_ID: `e2e-${this.id}.${s}` }, this.logDir),
      ]),
    ) as Record<ServiceName, ServiceProcess>
  }

  get valid(): CorpusPage[] {
    return this.corpus.filter((p) => p.kind !== 'bad')
  }

  async setUp(): Promise<void> {
    const admin = this.kafka.admin()
    await admin.connect()
    await admin.createTopics({
      waitForLeaders: true,
      topics: topicDefinitions.map((t) => ({
        topic: `${this.prefix}${t.name}`,
        numPartitions: t.name.endsWith('.dlq') ? 1 : 3,
      })),
    })
    await admin.disconnect()
    await this.s3.send(new CreateBucketCommand({ Bucket: this.bucket }))
    for (const p of this.corpus) {
      if (p.upload)
        await this.s3.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: p.upload.key, Body: p.upload.body }),
        )
    }
  }

  async createBucket(name: string): Promise<void> {
    await this.s3.send(new CreateBucketCommand({ Bucket: name }))
  }

  async startAll(): Promise<void> {
    await Promise.all(SERVICES.map((s) => this.services[s].start()))
  }

  async stopAll(): Promise<(number | null)[]> {
    return Promise.all(SERVICES.map((s) => this.services[s].stop()))
  }

  /** Produces the corpus to the raw topic in batches; calls `between` after each batch. */
  async produce(between?: (sent: number) => Promise<void>): Promise<void> {
    const producer = this.kafka.producer({ idempotent: true })
    await producer.connect()
    for (let i = 0; i < this.corpus.length; i += 250) {
      const batch = this.corpus.slice(i, i + 250)
      await producer.send({
        topic: this.topics.raw,
        messages: batch.map((p) => ({ key: p.key, value: p.value })),
      })
      await between?.(i + batch.length)
    }
    await producer.disconnect()
  }

  /** Every committed record of a topic. */
  async readAll(topic: string): Promise<ReadRecord[]> {
    const out: ReadRecord[] = []
    await readRange(this.kafka, {
      topic,
      onRecords: (rs) => {
        for (const r of rs) {
          const headers: Record<string, string> = {}
          for (const [k, v] of Object.entries(r.headers))
            if (v !== undefined) headers[k] = String(Array.isArray(v) ? v[0] : v)
          out.push({
            partition: r.partition,
            offset: r.offset,
            timestamp: r.timestamp,
            key: r.key?.toString() ?? null,
            value: r.value?.toString() ?? null,
            headers,
          })
        }
      },
    })
    return out
  }

  /** The committed records of a topic, counted by reading them all. */
  async count(topic: string): Promise<number> {
    return (await this.readAll(topic)).length
  }

  /** Waits until the enriched topic and the dead letters hold what the corpus should give. */
  async waitForEnd(
    timeoutMs: number,
    onTick?: (enriched: number) => Promise<void>,
    extra = 0,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs
    const want = this.valid.length + extra
    for (;;) {
      const enriched = await this.count(this.topics.enriched)
      const dead = await this.count(`${this.topics.raw}.dlq`)
      await onTick?.(enriched)
      if (enriched >= want && dead >= 50) return
      if (Date.now() > deadline)
        throw new Error(
          `timed out: ${enriched}/${want} enriched, ${dead}/50 dead letters; logs in ${this.logDir}`,
        )
      await new Promise((r) => setTimeout(r, 2000))
    }
  }

  async listKeys(prefix: string, bucket = this.bucket): Promise<string[]> {
    const keys: string[] = []
    let token: string | undefined
    do {
      const out = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      )
      for (const o of out.Contents ?? []) keys.push(o.Key!)
      token = out.IsTruncated ? out.NextContinuationToken : undefined
    } while (token)
    return keys
  }

  async getObject(key: string, bucket = this.bucket): Promise<string> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return out.Body!.transformToString()
  }

  async getBytes(key: string, bucket = this.bucket): Promise<Buffer> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return Buffer.from(await out.Body!.transformToByteArray())
  }

  /** Dead letters with their reason headers, by topic. */
  async deadLetters(): Promise<Record<string, ReadRecord[]>> {
    const out: Record<string, ReadRecord[]> = {}
    for (const t of [this.topics.raw, this.topics.extracted, this.topics.tagged, this.topics.deduped])
      out[t] = await this.readAll(`${t}.dlq`)
    return out
  }

  async tearDown(): Promise<void> {
    await this.stopAll().catch(() => {})
    const admin = this.kafka.admin()
    await admin.connect()
    await admin
      .deleteTopics({ topics: topicDefinitions.map((t) => `${this.prefix}${t.name}`) })
      .catch(() => {})
    await admin.disconnect()
    this.s3.destroy()
  }
}

export { DlqHeader }
