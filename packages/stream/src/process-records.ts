import { type CopydeskError, decodeEvent, toCopydeskError } from '@copydesk/contracts'
import type { KafkaMessage } from 'kafkajs'
import type { Logger } from 'pino'
import { buildOutputs, type OutputTarget } from './build-outputs.ts'
import { buildDeadLetter, type ProducerRecord } from './dead-letter.ts'
import { decodeHeaders } from './header-codec.ts'
import { OffsetTracker } from './offset-tracker.ts'
import { runKeyed } from './run-keyed.ts'
import type { HandleResult, Stage, StageContext } from './types.ts'

/** What became of one input record: its outputs, or its dead letter. */
export interface RecordResult {
  offset: string
  records: ProducerRecord[]
  deadLetter: CopydeskError | null
}

/** A retryable failure that stopped the batch at `offset`. */
export interface RetryNeeded {
  offset: string
  error: CopydeskError
}

/** Outcome of a batch: the committable prefix and, if it stopped early, why. */
export interface BatchOutcome {
  results: RecordResult[]
  commitOffset: string | null
  lastOffset: string | null
  retry: RetryNeeded | null
}

/** What processRecords needs from the runner. */
export interface RecordsDeps {
  stage: Stage
  log: Logger
  concurrency: number
  /** Aborted on shutdown or partition loss: no new record starts. */
  signal: AbortSignal
  /** Attempt number of an offset (1 unless it failed retryably before). */
  attemptOf: (offset: string) => number
  observeHandle: (seconds: number) => void
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function'

const outputTopics = (stage: Stage): string[] =>
  typeof stage.to.topic === 'string' ? [stage.to.topic] : [...stage.to.topic]

/**
 * Decodes, validates and handles the records of one partition batch with bounded concurrency,
 * keeping per-key order. A bad record becomes a dead letter and the batch goes on; the first
 * retryable failure halts the batch (records not yet started are left for the retry), so nothing
 * after it is committed while it is unresolved.
 */
export async function processRecords(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
  deps: RecordsDeps,
): Promise<BatchOutcome> {
  const { stage } = deps
  const tracker = new OffsetTracker<RecordResult>(messages.map((m) => m.offset))
  const topicsOut = outputTopics(stage)
  const halt: { retry: RetryNeeded | null } = { retry: null }
  const noteRetry = (offset: string, error: CopydeskError) => {
    // Keep the lowest failing offset: the retry restarts there.
    if (!halt.retry || BigInt(offset) < BigInt(halt.retry.offset)) halt.retry = { offset, error }
  }

  // Returns nothing when the handler answered synchronously: no promise per record then.
  const handleOne = (message: KafkaMessage): void | Promise<void> => {
    // A halted key chain must not run later records of the same key before the failed one.
    if (halt.retry || deps.signal.aborted) return
    const key = message.key === null ? null : message.key.toString('utf8')
    // Child loggers cost a bindings serialisation each: made only when a line is actually written.
    let log: Logger | undefined
    let articleId: string | undefined
    const getLog = () => {
      log ??= deps.log.child({
        topic,
        partition,
        offset: message.offset,
        ...(articleId ? { articleId } : {}),
      })
      return log
    }
    const deadLetter = (error: CopydeskError) => {
      getLog().warn({ code: error.code, err: error.message }, 'record dead-lettered')
      const source = {
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers,
      }
      tracker.markDone(message.offset, {
        offset: message.offset,
        records: [buildDeadLetter(stage.name, source, error)],
        deadLetter: error,
      })
    }
    let event: unknown
    try {
      event = decodeEvent(stage.from.schema, message.value, `${topic} record`)
    } catch (err) {
      return deadLetter(toCopydeskError(err, 'ERR_SCHEMA'))
    }
    const id = (event as { articleId?: unknown }).articleId
    if (typeof id === 'string') articleId = id
    const ctx: StageContext = {
      get log() {
        return getLog()
      },
      topic,
      partition,
      offset: message.offset,
      timestamp: Number(message.timestamp),
      key,
      get headers() {
        return decodeHeaders(message.headers)
      },
      signal: deps.signal,
      attempt: deps.attemptOf(message.offset),
    }
    const started = performance.now()
    const failed = (err: unknown) => {
      deps.observeHandle((performance.now() - started) / 1000)
      const error = toCopydeskError(err)
      if (error.retryable) return noteRetry(message.offset, error)
      return deadLetter(error)
    }
    const handled = (result: HandleResult<unknown>) => {
      deps.observeHandle((performance.now() - started) / 1000)
      const target: OutputTarget = { stage, topics: topicsOut, topic, partition, offset: message.offset }
      const built = buildOutputs(target, result)
      if ('error' in built) return deadLetter(built.error)
      if (deps.log.isLevelEnabled('debug'))
        getLog().debug({ outputs: built.records.length }, 'record handled')
      tracker.markDone(message.offset, { offset: message.offset, records: built.records, deadLetter: null })
    }
    let result: ReturnType<Stage['handle']>
    try {
      result = stage.handle(event, ctx)
    } catch (err) {
      return failed(err)
    }
    if (isPromiseLike(result)) return Promise.resolve(result).then(handled, failed)
    return handled(result)
  }

  await runKeyed(
    messages,
    (m) => (m.key === null ? null : m.key.toString('latin1')),
    deps.concurrency,
    handleOne,
    (m, err) => {
      // handleOne catches the handler's errors; anything here is a runtime bug: retry, never drop.
      noteRetry(m.offset, toCopydeskError(err))
    },
    { inOrder: stage.ordered === true },
  )
  const prefix = tracker.committable()
  return { ...prefix, retry: halt.retry }
}
