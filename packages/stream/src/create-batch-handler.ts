import { CopydeskError, toCopydeskError } from '@copydesk/contracts'
import type { Admin, Consumer, EachBatchPayload, Producer } from 'kafkajs'
import type { Logger } from 'pino'
import { computeBackoff } from './backoff.ts'
import type { StageMetrics } from './create-metrics.ts'
import type { StreamConfig } from './options.ts'
import type { PartitionProducers } from './partition-producers.ts'
import { type BatchOutcome, processRecords } from './process-records.ts'
import type { Stage } from './types.ts'

/** What the batch handler shares with the runner. */
export interface BatchHandlerDeps {
  stage: Stage
  config: StreamConfig
  log: Logger
  metrics: StageMetrics
  consumer: Consumer
  admin: Admin
  /** Exactly-once: one transactional producer per input partition. */
  producers: PartitionProducers | null
  /** At-least-once: one idempotent producer. */
  producer: Producer | null
  signal: AbortSignal
}

/**
 * The eachBatch callback: handle the batch, commit its done prefix (one transaction in
 * exactly-once), and on a retryable failure pause the partition for a backoff instead of blocking
 * the fetch loop, so other partitions keep flowing while this one waits.
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  const { stage, config, log, metrics, consumer } = deps
  const attempts = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()
  const paused = new Map<string, { topic: string; partition: number }>()
  const labels = { stage: stage.name }

  const pauseForRetry = (topic: string, partition: number, offset: string, error: CopydeskError) => {
    const key = `${topic}:${partition}:${offset}`
    const attempt = (attempts.get(key) ?? 0) + 1
    attempts.set(key, attempt)
    const delayMs = computeBackoff(attempt, {
      initialMs: config.STREAM_RETRY_INITIAL_MS,
      maxMs: config.STREAM_RETRY_MAX_MS,
    })
    metrics.retries.inc({ ...labels, code: error.code })
    log.warn(
      { topic, partition, offset, attempt, delayMs, code: error.code, err: error.message },
      'retryable failure: partition paused for backoff',
    )
    const tp = `${topic}:${partition}`
    consumer.pause([{ topic, partitions: [partition] }])
    paused.set(tp, { topic, partition })
    metrics.paused.set({ ...labels, topic, partition: String(partition) }, 1)
    clearTimeout(timers.get(tp))
    timers.set(
      tp,
      setTimeout(() => {
        timers.delete(tp)
        paused.delete(tp)
        metrics.paused.set({ ...labels, topic, partition: String(partition) }, 0)
        if (!deps.signal.aborted) consumer.resume([{ topic, partitions: [partition] }])
      }, delayMs),
    )
  }

  /** Reads the group's committed offset of a partition (after fencing: the previous owner's last word). */
  const readCommitted = async (topic: string, partition: number): Promise<bigint> => {
    const [entry] = await deps.admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics: [topic] })
    const offset = entry?.partitions.find((p) => p.partition === partition)?.offset ?? '-1'
    return BigInt(offset)
  }

  const commit = async (payload: EachBatchPayload, outcome: BatchOutcome & { commitOffset: string }) => {
    const { topic, partition } = payload.batch
    const byTopic = new Map<
      string,
      { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, unknown> }[]
    >()
    for (const result of outcome.results) {
      for (const r of result.records) {
        const list = byTopic.get(r.topic) ?? []
        list.push({ key: r.key, value: r.value, headers: r.headers })
        byTopic.set(r.topic, list)
      }
    }
    const topicMessages = [...byTopic].map(([t, messages]) => ({ topic: t, messages })) as Parameters<
      Producer['sendBatch']
    >[0]['topicMessages']
    const offsets = { topics: [{ topic, partitions: [{ partition, offset: outcome.commitOffset }] }] }
    if (deps.producers) {
      const { producer } = await deps.producers.acquire(topic, partition)
      const txn = await producer.transaction()
      try {
        if (topicMessages?.length) await txn.sendBatch({ topicMessages, acks: -1 })
        await txn.sendOffsets({ consumerGroupId: config.KAFKA_GROUP_ID, ...offsets })
        await txn.commit()
      } catch (err) {
        metrics.transactionAborts.inc(labels)
        await txn.abort().catch(() => {})
        // A failed transaction may leave the producer fenced or in an error state: start afresh.
        await deps.producers.drop(topic, partition)
        throw err
      }
    } else if (deps.producer) {
      if (topicMessages?.length) await deps.producer.sendBatch({ topicMessages, acks: -1 })
      await payload.commitOffsetsIfNecessary(offsets)
    }
  }

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload
    const { topic, partition } = batch
    if (!payload.isRunning() || payload.isStale() || deps.signal.aborted) return
    metrics.batchSize.observe(labels, batch.messages.length)
    let messages = batch.messages
    const lastFetched = messages[messages.length - 1]?.offset
    try {
      if (deps.producers) {
        const { fresh } = await deps.producers.acquire(topic, partition)
        if (fresh) {
          // The previous owner may have committed after our offsets were fetched and before we
          // fenced it: skip what it already committed, or those records would come out twice.
          const committed = await readCommitted(topic, partition)
          messages = messages.filter((m) => BigInt(m.offset) >= committed)
          if (messages.length < batch.messages.length) {
            log.info(
              {
                topic,
                partition,
                committed: committed.toString(),
                skipped: batch.messages.length - messages.length,
              },
              'skipped records committed by the previous owner',
            )
          }
          if (messages.length === 0 && lastFetched !== undefined) return payload.resolveOffset(lastFetched)
        }
      }
    } catch (err) {
      return pauseForRetry(topic, partition, batch.firstOffset() ?? '0', toCopydeskError(err, 'ERR_KAFKA'))
    }

    const outcome = await processRecords(topic, partition, messages, {
      stage,
      log,
      concurrency: config.STREAM_CONCURRENCY,
      signal: deps.signal,
      attemptOf: (offset) => (attempts.get(`${topic}:${partition}:${offset}`) ?? 0) + 1,
      observeHandle: (s) => metrics.handleSeconds.observe(labels, s),
    })
    if (outcome.commitOffset !== null && outcome.lastOffset !== null) {
      try {
        await commit(payload, { ...outcome, commitOffset: outcome.commitOffset })
      } catch (err) {
        const error =
          err instanceof CopydeskError
            ? err
            : new CopydeskError('ERR_KAFKA', `commit failed: ${(err as Error).message}`, { cause: err })
        return pauseForRetry(topic, partition, messages[0]?.offset ?? '0', error)
      }
      payload.resolveOffset(outcome.lastOffset)
      let out = 0
      for (const result of outcome.results) {
        attempts.delete(`${topic}:${partition}:${result.offset}`)
        if (result.deadLetter) metrics.deadLettered.inc({ ...labels, code: result.deadLetter.code })
        else
          for (const r of result.records) {
            out++
            metrics.recordsOut.inc({ ...labels, topic: r.topic })
          }
      }
      metrics.recordsIn.inc(labels, outcome.results.length)
      metrics.commits.inc(labels)
      const lag = BigInt(batch.highWatermark) - BigInt(outcome.commitOffset)
      metrics.lag.set({ ...labels, topic, partition: String(partition) }, Number(lag < 0n ? 0n : lag))
      log.info(
        {
          topic,
          partition,
          records: outcome.results.length,
          outputs: out,
          commitOffset: outcome.commitOffset,
        },
        'batch committed',
      )
    }
    if (outcome.retry) pauseForRetry(topic, partition, outcome.retry.offset, outcome.retry.error)
    await payload.heartbeat().catch(() => {})
  }

  return {
    eachBatch,
    paused: () => [...paused.values()],
    /** Clears backoff timers (shutdown). */
    clear: () => {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    },
  }
}
