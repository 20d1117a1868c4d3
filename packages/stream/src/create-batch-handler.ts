import { CopydeskError, toCopydeskError } from '@copydesk/contracts'
import type { Admin, Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs'
import type { Logger } from 'pino'
import { commitBatch } from './commit-batch.ts'
import type { StageMetrics } from './create-metrics.ts'
import type { StreamConfig } from './options.ts'
import { PartitionNotOwnedError, type PartitionProducers } from './partition-producers.ts'
import { createPauser } from './pause-for-retry.ts'
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
  producers: PartitionProducers | null
  producer: Producer | null
  signal: AbortSignal
}

/** A handled batch whose outputs and offsets are not committed yet. */
interface Uncommitted {
  outcome: BatchOutcome & { commitOffset: string }
  /** First offset of the batch: where the consumer is rewound to if its commit fails. */
  first: string
  generation: number
  highWatermark: string
}

/**
 * Per partition: the commits in flight and waiting, and a generation bumped when a commit fails,
 * which voids every batch handled after the failed one (the consumer is rewound to it).
 */
interface Lane {
  /** Settles when every batch handed to the lane so far is committed or voided. */
  tail: Promise<void>
  /** The commit in flight, if any. */
  current: Promise<void> | null
  /** Batches in the commit in flight. */
  committing: number
  /** Handled batches waiting for the commit in flight; the next commit takes them all at once. */
  waiting: Uncommitted[]
  generation: number
  /** The group generation whose committed offset this lane last read back. */
  checkedGroup: number
  /** The offset after this instance's last successful commit of the partition. */
  committed: bigint
}

/**
 * The eachBatch callback. A batch is handled, then its commit runs while kafkajs fetches and the
 * next batches are handled, which hides a transaction's round trips. One commit is in flight per
 * partition; batches handled meanwhile wait and then go in one transaction together, so when
 * commits are slower than handling (a busy broker, small batches) the number of transactions
 * falls instead of the throughput. At most STREAM_MAX_UNCOMMITTED_BATCHES batches of a partition
 * are handled and not yet committed; past that the partition's next fetch waits (back-pressure).
 * A failed commit rewinds the consumer to the failed batch; a retryable record failure pauses the
 * partition for a backoff instead of blocking the fetch loop.
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  const { stage, config, log, metrics, consumer } = deps
  const labels = { stage: stage.name }
  const pauser = createPauser({ stage: stage.name, config, log, metrics, consumer, signal: deps.signal })
  const lanes = new Map<string, Lane>()
  // Bound once: resolving labels per observation costs a hash per record.
  const handleSeconds = metrics.handleSeconds.labels(labels)
  const maxUncommitted = config.STREAM_MAX_UNCOMMITTED_BATCHES
  let groupGeneration = 0
  const laneOf = (topic: string, partition: number): Lane => {
    const key = `${topic}:${partition}`
    const lane = lanes.get(key) ?? {
      tail: Promise.resolve(),
      current: null,
      committing: 0,
      waiting: [],
      generation: 0,
      checkedGroup: -1,
      committed: -1n,
    }
    lanes.set(key, lane)
    return lane
  }
  const commitDeps = {
    groupId: config.KAFKA_GROUP_ID,
    maxSendBytes: config.KAFKA_MAX_SEND_BYTES,
    metrics,
    stage: stage.name,
    consumer,
    producers: deps.producers,
    producer: deps.producer,
  }

  /** Reads the group's committed offset of a partition. */
  const readCommitted = async (topic: string, partition: number): Promise<bigint> => {
    const [entry] = await deps.admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics: [topic] })
    return BigInt(entry?.partitions.find((p) => p.partition === partition)?.offset ?? '-1')
  }

  /**
   * After this instance fenced a previous owner (a fresh producer) or rejoined the group, the
   * offsets kafkajs fetched may be older than what is committed now (the previous owner, or our
   * own commit still in flight during the rejoin, committed after the fetch): skip those records,
   * or they would come out twice.
   */
  const skipCommitted = async (topic: string, partition: number, lane: Lane, messages: KafkaMessage[]) => {
    const fresh = deps.producers ? (await deps.producers.acquire(topic, partition)).fresh : false
    let committed = lane.committed
    if (fresh || lane.checkedGroup !== groupGeneration) {
      await lane.tail
      // Our own commits count even when the broker does not show them yet: a transaction's offsets
      // become visible to OffsetFetch only once its markers are written, after EndTxn returns, and
      // kafkajs cannot ask for stable offsets (OffsetFetch v7). Without this, a rejoin right after a
      // commit re-delivers that batch and it comes out twice.
      const read = await readCommitted(topic, partition)
      // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers)
      committed = read > lane.committed ? read : lane.committed
      lane.checkedGroup = groupGeneration
    }
    if (committed < 0n) return messages
    const kept = messages.filter((m) => BigInt(m.offset) >= committed)
    if (kept.length < messages.length) {
      log.info(
        { topic, partition, committed: String(committed), skipped: messages.length - kept.length },
        'skipped records already committed',
      )
    }
    return kept
  }

  const recordCommitted = (
    topic: string,
    partition: number,
    outcome: BatchOutcome,
    highWatermark: string,
  ) => {
    let out = 0
    // Counted per batch first: a labelled increment hashes its labels, once per record is too often.
    const outByTopic = new Map<string, number>()
    const deadByCode = new Map<string, number>()
    for (const result of outcome.results) {
      pauser.forget(topic, partition, result.offset)
      if (result.deadLetter) {
        const code = result.deadLetter.code
        deadByCode.set(code, (deadByCode.get(code) ?? 0) + 1)
        continue
      }
      out += result.records.length
      for (const r of result.records) outByTopic.set(r.topic, (outByTopic.get(r.topic) ?? 0) + 1)
    }
    for (const [code, n] of deadByCode) metrics.deadLettered.inc({ ...labels, code }, n)
    for (const [t, n] of outByTopic) metrics.recordsOut.inc({ ...labels, topic: t }, n)
    metrics.recordsIn.inc(labels, outcome.results.length)
    const lag = BigInt(highWatermark) - BigInt(outcome.commitOffset ?? '0')
    metrics.lag.set({ ...labels, topic, partition: String(partition) }, Number(lag < 0n ? 0n : lag))
    log.info(
      { topic, partition, records: outcome.results.length, outputs: out, commitOffset: outcome.commitOffset },
      'batch committed',
    )
  }

  /** Commits a group of handled batches of one partition in one transaction (or one offset commit). */
  const commitGroup = async (lane: Lane, topic: string, partition: number, group: Uncommitted[]) => {
    const last = group[group.length - 1] as Uncommitted
    const outcome =
      group.length === 1
        ? last.outcome
        : {
            results: group.flatMap((b) => b.outcome.results),
            commitOffset: last.outcome.commitOffset,
            lastOffset: last.outcome.lastOffset,
            retry: null,
          }
    try {
      await commitBatch(commitDeps, topic, partition, outcome)
      const committed = BigInt(outcome.commitOffset)
      if (committed > lane.committed) lane.committed = committed
      metrics.commits.inc(labels)
      for (const b of group) recordCommitted(topic, partition, b.outcome, b.highWatermark)
    } catch (err) {
      lane.generation++
      // Batches handled after the failed ones are void: the rewind delivers them again.
      lane.waiting.length = 0
      // A failed commit may still have landed (a timeout after the broker took it): read the
      // committed offset back before the rewound batch is handled again.
      lane.checkedGroup = -1
      if (err instanceof PartitionNotOwnedError || deps.producers?.owns(topic, partition) === false) {
        // A rebalance took the partition away while these batches waited for their commit: they
        // are void, and the new owner handles their records from the committed offset. No rewind
        // or pause here: the partition is not this instance's to fetch.
        log.info(
          { topic, partition, batches: group.length, err: (err as Error).message },
          'uncommitted batches voided: the partition was revoked',
        )
        return
      }
      const error =
        err instanceof CopydeskError
          ? err
          : new CopydeskError('ERR_KAFKA', `commit failed: ${(err as Error).message}`, { cause: err })
      const first = (group[0] as Uncommitted).first
      // Fetch again from the first record of the failed group; batches after it are void.
      try {
        consumer.seek({ topic, partition, offset: first })
      } catch (seekErr) {
        log.warn(
          { topic, partition, err: (seekErr as Error).message },
          'could not rewind after a failed commit',
        )
      }
      pauser.pause(topic, partition, first, error)
    }
  }

  /** Commits the lane's waiting batches, all that wait at once, until none is left. */
  const flush = async (lane: Lane, topic: string, partition: number) => {
    while (lane.waiting.length > 0) {
      const group = lane.waiting.splice(0).filter((b) => b.generation === lane.generation)
      if (group.length === 0) continue
      lane.committing = group.length
      lane.current = commitGroup(lane, topic, partition, group)
      await lane.current
      lane.committing = 0
      lane.current = null
    }
  }

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload
    const { topic, partition } = batch
    if (!payload.isRunning() || payload.isStale() || deps.signal.aborted) return
    metrics.batchSize.observe(labels, batch.messages.length)
    const lane = laneOf(topic, partition)
    const generation = lane.generation
    let messages = batch.messages
    try {
      messages = await skipCommitted(topic, partition, lane, messages)
    } catch (err) {
      // A batch fetched before a rebalance that took its partition away: the new owner handles it.
      if (err instanceof PartitionNotOwnedError) return
      return pauser.pause(topic, partition, batch.firstOffset() ?? '0', toCopydeskError(err, 'ERR_KAFKA'))
    }
    const lastFetched = batch.messages[batch.messages.length - 1]?.offset
    if (messages.length === 0 && lastFetched !== undefined) return payload.resolveOffset(lastFetched)
    const first = messages[0]?.offset ?? '0'

    const outcome = await processRecords(topic, partition, messages, {
      stage,
      log,
      concurrency: config.STREAM_CONCURRENCY,
      signal: deps.signal,
      attemptOf: (offset) => pauser.attemptOf(topic, partition, offset),
      observeHandle: (s) => handleSeconds.observe(s),
    })
    // A commit of an earlier batch failed meanwhile: the rewind will deliver these records again.
    if (lane.generation !== generation) return
    const { commitOffset, lastOffset } = outcome
    if (commitOffset !== null && lastOffset !== null) {
      payload.resolveOffset(lastOffset)
      lane.waiting.push({
        outcome: { ...outcome, commitOffset },
        first,
        generation,
        highWatermark: batch.highWatermark,
      })
      if (!lane.current) lane.tail = flush(lane, topic, partition)
      // Back-pressure: past the limit of uncommitted batches, the commit in flight must land
      // before this partition is fetched again.
      while (lane.current && lane.waiting.length + lane.committing > maxUncommitted) await lane.current
      if (deps.signal.aborted) await lane.tail
    }
    if (outcome.retry && lane.generation === generation)
      pauser.pause(topic, partition, outcome.retry.offset, outcome.retry.error)
    // No heartbeat here: kafkajs heartbeats after every batch and turns a rebalance it learns of
    // into a rejoin; swallowing that error here would only delay the rejoin.
  }

  return {
    eachBatch,
    paused: pauser.paused,
    /** Called on every group join: committed offsets are read back before the next batch. */
    onGroupJoin: () => {
      groupGeneration++
    },
    /** Waits for every commit in flight (shutdown). */
    drain: async () => {
      await Promise.all([...lanes.values()].map((l) => l.tail))
    },
    /** Clears backoff timers (shutdown). */
    clear: pauser.clear,
  }
}
