import type { Server } from 'node:http'
import { toCopydeskError } from '@copydesk/contracts'
import type { Logger } from 'pino'
import { Registry } from 'prom-client'
import { computeBackoff, sleep } from './backoff.ts'
import { createBatchHandler } from './create-batch-handler.ts'
import { createKafka } from './create-kafka.ts'
import { createLogger } from './create-logger.ts'
import { createStageMetrics } from './create-metrics.ts'
import type { StreamConfig } from './options.ts'
import { PartitionNotOwnedError, PartitionProducers } from './partition-producers.ts'
import { closeOpsServer, startOpsServer } from './start-ops-server.ts'
import type { RunnerStatus, Stage, StageRunner } from './types.ts'

/** Extras for embedding a runner (tests, the CLI): a logger or registry of the caller's. */
export interface StartStageOptions {
  log?: Logger
  registry?: Registry
}

const withDeadline = <T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([work, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())])

/**
 * Starts a stage: connects, joins the group, consumes in batches and serves /healthz, /readyz and
 * /metrics. Does not install signal handlers or exit (that is `runStage`), so tests and the CLI can
 * run several in one process.
 */
export async function startStage(
  stage: Stage,
  config: StreamConfig,
  options: StartStageOptions = {},
): Promise<StageRunner> {
  const root = options.log ?? createLogger({ level: config.LOG_LEVEL, name: stage.name })
  const log = root.child({ stage: stage.name })
  const metrics = createStageMetrics(options.registry ?? new Registry(), { defaults: !options.registry })
  const kafka = createKafka(config, log)
  const exactlyOnce = config.DELIVERY === 'exactly-once'
  const abort = new AbortController()
  let connected = false
  let crashed = false
  let assigned: Record<string, number[]> = {}
  let stopping: Promise<void> | null = null
  let resolveStopped: () => void = () => {}
  const stopped = new Promise<void>((r) => {
    resolveStopped = r
  })

  await stage.open?.({ log })
  const admin = kafka.admin()
  await admin.connect()
  const producers = exactlyOnce
    ? new PartitionProducers(kafka, {
        groupId: config.KAFKA_GROUP_ID,
        transactionTimeout: config.KAFKA_TRANSACTION_TIMEOUT_MS,
        log,
      })
    : null
  const producer = exactlyOnce
    ? null
    : kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer?.connect()
  const consumer = kafka.consumer({
    groupId: config.KAFKA_GROUP_ID,
    sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: config.KAFKA_HEARTBEAT_INTERVAL_MS,
    rebalanceTimeout: config.KAFKA_REBALANCE_TIMEOUT_MS,
    maxWaitTimeInMs: config.KAFKA_MAX_WAIT_MS,
    minBytes: config.KAFKA_MIN_BYTES,
    maxBytesPerPartition: config.KAFKA_MAX_BYTES_PER_PARTITION,
    // Only committed transactions of the upstream stage are input; aborted ones never happened.
    readUncommitted: false,
    allowAutoTopicCreation: false,
  })
  const handler = createBatchHandler({
    stage,
    config,
    log,
    metrics,
    consumer,
    admin,
    producers,
    producer,
    signal: abort.signal,
  })

  /** Counts group joins: a hand-over still retrying when a newer join comes is superseded. */
  let joins = 0
  /**
   * Hands the stage its partitions with their committed offsets (Stage.assigned). A retryable
   * failure (the broker or the stage's store) is retried with backoff until it succeeds, a newer
   * join supersedes it or the runner stops; a non-retryable one is logged and given up.
   */
  const tellAssigned = async (byTopic: Record<string, number[]>, join: number) => {
    const current = () => join === joins && !abort.signal.aborted
    for (let attempt = 1; current(); attempt++) {
      try {
        const topics = Object.keys(byTopic)
        // Exactly-once: fence each partition's previous owner first. InitProducerId returns only
        // once the previous owner's last transaction is complete, so the offsets read next include
        // its last commit (kafkajs cannot ask OffsetFetch for stable offsets).
        if (producers)
          await Promise.all(
            Object.entries(byTopic).flatMap(([topic, ps]) => ps.map((p) => producers.acquire(topic, p))),
          )
        const offsets = topics.length
          ? await admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics })
          : []
        const partitions = offsets.flatMap(({ topic, partitions: ps }) =>
          ps
            .filter((p) => byTopic[topic]?.includes(p.partition))
            .map((p) => ({ topic, partition: p.partition, committed: p.offset })),
        )
        await stage.assigned?.({ log, partitions })
        if (attempt > 1) log.info({ attempt }, 'the stage took up its assigned partitions')
        return
      } catch (err) {
        // A newer join took a partition away meanwhile: that join's own hand-over follows.
        if (err instanceof PartitionNotOwnedError) return
        const error = toCopydeskError(err, 'ERR_KAFKA')
        if (!error.retryable) {
          log.error(
            { code: error.code, err: error.message },
            'the stage could not take up its assigned partitions (not retryable: given up)',
          )
          return
        }
        const delayMs = computeBackoff(attempt, {
          initialMs: config.STREAM_RETRY_INITIAL_MS,
          maxMs: config.STREAM_RETRY_MAX_MS,
        })
        metrics.retries.inc({ stage: stage.name, code: error.code })
        log.warn(
          { attempt, delayMs, code: error.code, err: error.message },
          'the stage could not take up its assigned partitions: retrying',
        )
        await sleep(delayMs, abort.signal)
      }
    }
  }

  consumer.on(consumer.events.CONNECT, () => {
    connected = true
  })
  consumer.on(consumer.events.DISCONNECT, () => {
    connected = false
  })
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    assigned = e.payload.memberAssignment
    joins++
    log.info({ assigned, groupId: e.payload.groupId, join: joins }, 'partitions assigned')
    handler.onGroupJoin()
    void producers?.retain(assigned)
    if (stage.assigned) void tellAssigned(assigned, joins)
  })
  consumer.on(consumer.events.CRASH, (e) => {
    log.error({ err: e.payload.error.message, restart: e.payload.restart }, 'consumer crashed')
    if (!e.payload.restart) {
      crashed = true
      void stop('consumer crashed')
    }
  })

  const status = (): RunnerStatus => {
    const byTopic = (entries: { topic: string; partition: number }[]) => {
      const map = new Map<string, number[]>()
      for (const { topic, partition } of entries) map.set(topic, [...(map.get(topic) ?? []), partition])
      return [...map].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }))
    }
    return {
      connected,
      assigned: Object.entries(assigned).map(([topic, partitions]) => ({
        topic,
        partitions: [...partitions].sort((a, b) => a - b),
      })),
      paused: byTopic(handler.paused()),
      crashed,
    }
  }

  let ops: { server: Server; url: string } | null = null
  if (config.HTTP_PORT >= 0) {
    ops = await startOpsServer(
      {
        registry: metrics.registry,
        notReadyReason: () => {
          if (stopping) return 'shutting down'
          if (!connected) return 'not connected to Kafka'
          if (Object.values(assigned).every((ps) => ps.length === 0)) return 'no partitions assigned'
          return null
        },
        describe: () => ({ stage: stage.name, ...status() }),
      },
      config.HTTP_PORT,
      config.HTTP_HOST,
    )
  }

  await consumer.connect()
  await consumer.subscribe({ topic: stage.from.topic, fromBeginning: config.KAFKA_FROM_BEGINNING })
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: config.STREAM_PARTITIONS_CONCURRENTLY,
    eachBatch: handler.eachBatch,
  })
  log.info(
    { delivery: config.DELIVERY, from: stage.from.topic, to: stage.to.topic, http: ops?.url ?? null },
    'stage started',
  )

  // Shutdown order matters: no new records start (abort), the in-flight batch commits what is done,
  // then the group is left so partitions move at once instead of after a session timeout.
  async function stop(reason = 'stop'): Promise<void> {
    if (stopping) return stopping
    stopping = (async () => {
      log.info({ reason }, 'stopping')
      abort.abort()
      handler.clear()
      await withDeadline(handler.drain(), Math.max(500, config.SHUTDOWN_TIMEOUT_MS / 2))
      const drainMs = Math.max(500, config.SHUTDOWN_TIMEOUT_MS - 3000)
      if ((await withDeadline(consumer.stop(), drainMs)) === 'timeout')
        log.warn({ drainMs }, 'in-flight batch did not finish in time; its transaction is left to abort')
      await withDeadline(consumer.disconnect(), 2000)
      await Promise.all(
        [producers?.closeAll(), producer?.disconnect(), admin.disconnect()].map((p) => p?.catch(() => {})),
      )
      await Promise.resolve(stage.close?.({ log })).catch((err: Error) =>
        log.error({ err: err.message }, 'stage close failed'),
      )
      if (ops) await closeOpsServer(ops.server)
      log.info('stopped')
      await new Promise<void>((r) => root.flush(() => r()))
      resolveStopped()
    })()
    return stopping
  }

  return {
    stage: stage.name,
    httpUrl: ops?.url ?? null,
    registry: metrics.registry,
    log,
    status,
    stop,
    stopped,
  }
}
