import { CopydeskError, toCopydeskError } from '@copydesk/contracts'

/** One record's place in its partition's order. */
export interface Turn {
  /**
   * Runs `step` once every earlier record of the partition has run its step or given up its turn.
   * Throws (retryably) instead when an earlier record failed retryably: that record is handled
   * again later, and this one must come after it then, not before it now.
   */
  run<T>(step: () => Promise<T>): Promise<T>
  /** Gives up the turn without a step, because the record failed with `err`. */
  skip(err: unknown): void
}

interface Lane {
  tail: Promise<void>
  /** The lowest offset that failed retryably: later turns fail until it is handled again. */
  failed: { offset: bigint; error: CopydeskError } | null
}

/**
 * Hands out turns in offset order per partition, so that records handled concurrently can do a
 * last step (the archive's batch-file append) one at a time in offset order. Turns must be taken
 * in offset order, synchronously when the handler starts: a stage that uses this is `ordered`,
 * so its records start in offset order. A record never waits for a later one, so turns cannot
 * deadlock.
 */
export class OffsetTurns {
  readonly #lanes = new Map<string, Lane>()

  take(topic: string, partition: number, offset: string): Turn {
    const id = `${topic}\u0000${partition}`
    let lane = this.#lanes.get(id)
    if (!lane) {
      lane = { tail: Promise.resolve(), failed: null }
      this.#lanes.set(id, lane)
    }
    const at = BigInt(offset)
    // The failed record (or one before it, after a rewind) is handled again: the order is whole again.
    if (lane.failed && at <= lane.failed.offset) lane.failed = null
    const previous = lane.tail
    let release!: () => void
    lane.tail = new Promise<void>((resolve) => {
      release = resolve
    })
    const own = lane
    const noteFailure = (err: unknown) => {
      const error = toCopydeskError(err)
      if (error.retryable && (!own.failed || at < own.failed.offset)) own.failed = { offset: at, error }
    }
    return {
      async run<T>(step: () => Promise<T>): Promise<T> {
        try {
          await previous
          const failed = own.failed
          if (failed && failed.offset < at) {
            throw new CopydeskError(
              failed.error.code,
              `offset ${offset} waits for offset ${failed.offset}, which failed: ${failed.error.message}`,
              { retryable: true },
            )
          }
          return await step()
        } catch (err) {
          noteFailure(err)
          throw err
        } finally {
          release()
        }
      },
      skip(err: unknown): void {
        noteFailure(err)
        previous.then(release, release)
      },
    }
  }

  /**
   * Runs `work` (concurrently with other records), then `step` with its result in the partition's
   * offset order. Call it synchronously when the handler starts.
   */
  async sequence<T>(
    topic: string,
    partition: number,
    offset: string,
    work: () => Promise<T>,
    step: (result: T) => Promise<unknown>,
  ): Promise<T> {
    const turn = this.take(topic, partition, offset)
    let result: T
    try {
      result = await work()
    } catch (err) {
      turn.skip(err)
      throw err
    }
    await turn.run(() => step(result))
    return result
  }
}
