import type { Kafka, Producer } from 'kafkajs'
import type { Logger } from 'pino'

/**
 * A producer was asked for a partition this instance does not own (any more). Creating one would
 * fence the partition's new owner; the work it was wanted for is void.
 */
export class PartitionNotOwnedError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {
    super(`partition ${topic}/${partition} is not assigned to this instance`)
    this.name = 'PartitionNotOwnedError'
  }
}

/**
 * One transactional producer per input partition, with the stable id `<group>.<topic>.<partition>`.
 * kafkajs sends TxnOffsetCommit without the consumer's group generation (KIP-447 is not
 * implemented), so a per-instance id would not fence a zombie that lost the partition in a
 * rebalance: it could still commit output and offsets for records the new owner handles again.
 * With one id per partition the new owner's InitProducerId bumps the epoch: the zombie's
 * transaction is aborted and its later commits fail with a fencing error.
 */
export class PartitionProducers {
  private readonly producers = new Map<string, Promise<Producer>>()
  /** Transactional ids of the partitions of the current assignment. */
  private owned = new Set<string>()

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { groupId: string; transactionTimeout: number; log: Logger },
  ) {}

  /** The transactional id of an input partition. */
  transactionalId(topic: string, partition: number): string {
    return `${this.options.groupId}.${topic}.${partition}`
  }

  /** Is the partition in this instance's current assignment? */
  owns(topic: string, partition: number): boolean {
    return this.owned.has(this.transactionalId(topic, partition))
  }

  /**
   * The producer of a partition; `fresh` when it was just created, i.e. it just fenced any
   * previous owner, whose commits the caller must now read back before handling records.
   * A producer is created only for a partition of the current assignment: a commit still running
   * for a partition a rebalance took away would otherwise fence the new owner and commit outputs
   * and offsets of records the new owner handles too (PartitionNotOwnedError instead).
   */
  async acquire(topic: string, partition: number): Promise<{ producer: Producer; fresh: boolean }> {
    const id = this.transactionalId(topic, partition)
    const existing = this.producers.get(id)
    if (existing) return { producer: await existing, fresh: false }
    if (!this.owned.has(id)) throw new PartitionNotOwnedError(topic, partition)
    const created = this.create(id)
    this.producers.set(id, created)
    try {
      return { producer: await created, fresh: true }
    } catch (err) {
      this.producers.delete(id)
      throw err
    }
  }

  private async create(transactionalId: string): Promise<Producer> {
    const producer = this.kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.options.transactionTimeout,
      allowAutoTopicCreation: false,
      // A transaction that starts right after the previous commit often meets
      // CONCURRENT_TRANSACTIONS while the coordinator still writes the markers: retry within
      // tens of milliseconds (the Java client uses 20 ms here), not kafkajs' default hundreds.
      retry: { initialRetryTime: 15, maxRetryTime: 2000, retries: 15 },
    })
    await producer.connect()
    // An empty transaction runs InitProducerId now (fencing the previous owner and aborting its
    // open transaction) without sending EndTxn.
    await (await producer.transaction()).abort()
    this.options.log.debug({ transactionalId }, 'transactional producer ready')
    return producer
  }

  /** Disconnects and forgets a partition's producer (lost partition, or after a failed transaction). */
  async drop(topic: string, partition: number): Promise<void> {
    const id = this.transactionalId(topic, partition)
    const producer = this.producers.get(id)
    this.producers.delete(id)
    await producer?.then((p) => p.disconnect()).catch(() => {})
  }

  /**
   * Takes a new assignment (call it on every group join, before the next batch): producers are
   * created for these partitions only, and those of partitions no longer assigned are dropped.
   * The assignment takes effect at once, before the returned promise (the disconnects) settles.
   */
  async retain(assigned: Record<string, number[]>): Promise<void> {
    const keep = new Set(
      Object.entries(assigned).flatMap(([t, ps]) => ps.map((p) => this.transactionalId(t, p))),
    )
    this.owned = keep
    const gone = [...this.producers.keys()].filter((id) => !keep.has(id))
    await Promise.all(
      gone.map(async (id) => {
        const producer = this.producers.get(id)
        this.producers.delete(id)
        await producer?.then((p) => p.disconnect()).catch(() => {})
      }),
    )
  }

  /** Disconnects every producer. */
  async closeAll(): Promise<void> {
    const all = [...this.producers.values()]
    this.producers.clear()
    this.owned = new Set()
    await Promise.all(all.map((p) => p.then((x) => x.disconnect()).catch(() => {})))
  }
}
