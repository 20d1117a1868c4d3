import type { Consumer, IHeaders, Message, Producer } from 'kafkajs'
import { chunkRecords } from './chunk-records.ts'
import type { StageMetrics } from './create-metrics.ts'
import type { PartitionProducers } from './partition-producers.ts'
import type { BatchOutcome } from './process-records.ts'

/** What a commit needs: the producers of the delivery mode and the consumer (at-least-once). */
export interface CommitDeps {
  groupId: string
  maxSendBytes: number
  metrics: StageMetrics
  stage: string
  consumer: Consumer
  /** Exactly-once: one transactional producer per input partition. */
  producers: PartitionProducers | null
  /** At-least-once: one idempotent producer. */
  producer: Producer | null
}

/** The batch's outputs as kafkajs sends, each at most `maxBytes`. */
function toSends(outcome: BatchOutcome, maxBytes: number) {
  const records = outcome.results.flatMap((r) => r.records)
  return chunkRecords(records, maxBytes).map((chunk) => {
    const byTopic = new Map<string, Message[]>()
    for (const r of chunk) {
      const list = byTopic.get(r.topic) ?? []
      list.push({ key: r.key, value: r.value, headers: r.headers as IHeaders })
      byTopic.set(r.topic, list)
    }
    return { topicMessages: [...byTopic].map(([t, messages]) => ({ topic: t, messages })), acks: -1 }
  })
}

/**
 * Makes a batch's done prefix durable. Exactly-once: its outputs, dead letters and input offset in
 * one transaction of the partition's producer, so they become visible together or not at all.
 * At-least-once: outputs acknowledged by all in-sync replicas first, offsets committed after, so
 * a crash in between repeats records instead of losing them.
 */
export async function commitBatch(
  deps: CommitDeps,
  topic: string,
  partition: number,
  outcome: BatchOutcome & { commitOffset: string },
): Promise<void> {
  const labels = { stage: deps.stage }
  const sends = toSends(outcome, deps.maxSendBytes)
  const end = deps.metrics.commitSeconds.startTimer(labels)
  if (deps.producers) {
    const { producer } = await deps.producers.acquire(topic, partition)
    const txn = await producer.transaction()
    try {
      for (const send of sends) await txn.sendBatch(send)
      await txn.sendOffsets({
        consumerGroupId: deps.groupId,
        topics: [{ topic, partitions: [{ partition, offset: outcome.commitOffset }] }],
      })
      await txn.commit()
    } catch (err) {
      deps.metrics.transactionAborts.inc(labels)
      await txn.abort().catch(() => {})
      // A failed transaction may leave the producer fenced or in an error state: start afresh.
      await deps.producers.drop(topic, partition)
      throw err
    }
  } else if (deps.producer) {
    for (const send of sends) await deps.producer.sendBatch(send)
    await deps.consumer.commitOffsets([{ topic, partition, offset: outcome.commitOffset }])
  }
  end()
}
