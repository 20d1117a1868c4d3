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
 * What a handler gets with each record. Its child logger and decoded headers are made on first
 * use: a child logger costs a bindings serialisation, and most records never write a line.
 */
class RecordContext implements StageContext {
  readonly offset: string
  readonly timestamp: number
  readonly key: string | null
  readonly attempt: number
  /** Set when the decoded event names an article: it joins the logger's bindings. */
  articleId: string | undefined = undefined
  readonly #batch: BatchRun
  readonly #message: KafkaMessage
  #log: Logger | undefined = undefined

  constructor(batch: BatchRun, message: KafkaMessage) {
    this.#batch = batch
    this.#message = message
    this.offset = message.offset
    this.timestamp = Number(message.timestamp)
    this.key = message.key === null ? null : message.key.toString('utf8')
    this.attempt = batch.deps.attemptOf(message.offset)
  }

  get topic(): string {
    return this.#batch.topic
  }

  get partition(): number {
    return this.#batch.partition
  }

  get signal(): AbortSignal {
    return this.#batch.deps.signal
  }

  get headers(): Record<string, string> {
    return decodeHeaders(this.#message.headers)
  }

  get log(): Logger {
    this.#log ??= this.#batch.deps.log.child({
      topic: this.#batch.topic,
      partition: this.#batch.partition,
      offset: this.offset,
      ...(this.articleId ? { articleId: this.articleId } : {}),
    })
    return this.#log
  }

  /** The input record (for its dead letter). */
  get message(): KafkaMessage {
    return this.#message
  }
}

/**
 * One partition batch being handled. The per-record steps are methods, not closures made for each
 * record: a batch of a synchronous handler allocates little more than each record's context and
 * outputs.
 */
class BatchRun {
  readonly tracker: OffsetTracker<RecordResult>
  readonly topicsOut: string[]
  /** The lowest offset that failed retryably: the batch halts there and the retry restarts there. */
  retry: RetryNeeded | null = null

  constructor(
    readonly topic: string,
    readonly partition: number,
    messages: readonly KafkaMessage[],
    readonly deps: RecordsDeps,
  ) {
    this.tracker = new OffsetTracker<RecordResult>(messages.map((m) => m.offset))
    this.topicsOut = outputTopics(deps.stage)
  }

  noteRetry(offset: string, error: CopydeskError): void {
    if (!this.retry || BigInt(offset) < BigInt(this.retry.offset)) this.retry = { offset, error }
  }

  /** Handles one record; returns nothing when the handler answered synchronously (no promise then). */
  handleOne(message: KafkaMessage): void | Promise<void> {
    // A halted key chain must not run later records of the same key before the failed one.
    if (this.retry || this.deps.signal.aborted) return
    const { stage } = this.deps
    const ctx = new RecordContext(this, message)
    let event: unknown
    try {
      event = decodeEvent(stage.from.schema, message.value, `${this.topic} record`)
    } catch (err) {
      return this.deadLetter(ctx, toCopydeskError(err, 'ERR_SCHEMA'))
    }
    const id = (event as { articleId?: unknown }).articleId
    if (typeof id === 'string') ctx.articleId = id
    const started = performance.now()
    let result: ReturnType<Stage['handle']>
    try {
      result = stage.handle(event, ctx)
    } catch (err) {
      return this.failed(ctx, started, err)
    }
    if (isPromiseLike(result))
      return Promise.resolve(result).then(
        (r) => this.handled(ctx, started, r),
        (err) => this.failed(ctx, started, err),
      )
    return this.handled(ctx, started, result)
  }

  handled(ctx: RecordContext, started: number, result: HandleResult<unknown>): void {
    const { deps } = this
    deps.observeHandle((performance.now() - started) / 1000)
    const target: OutputTarget = {
      stage: deps.stage,
      topics: this.topicsOut,
      topic: this.topic,
      partition: this.partition,
      offset: ctx.offset,
    }
    const built = buildOutputs(target, result)
    if ('error' in built) {
      this.deadLetter(ctx, built.error)
      return
    }
    if (deps.log.isLevelEnabled('debug')) ctx.log.debug({ outputs: built.records.length }, 'record handled')
    this.tracker.markDone(ctx.offset, { offset: ctx.offset, records: built.records, deadLetter: null })
  }

  failed(ctx: RecordContext, started: number, err: unknown): void {
    this.deps.observeHandle((performance.now() - started) / 1000)
    const error = toCopydeskError(err)
    if (error.retryable) this.noteRetry(ctx.offset, error)
    else this.deadLetter(ctx, error)
  }

  deadLetter(ctx: RecordContext, error: CopydeskError): void {
    ctx.log.warn({ code: error.code, err: error.message }, 'record dead-lettered')
    const { message } = ctx
    const source = {
      topic: this.topic,
      partition: this.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
    }
    this.tracker.markDone(message.offset, {
      offset: message.offset,
      records: [buildDeadLetter(this.deps.stage.name, source, error)],
      deadLetter: error,
    })
  }
}

const keyOfMessage = (m: KafkaMessage): string | null => (m.key === null ? null : m.key.toString('latin1'))

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
  const run = new BatchRun(topic, partition, messages, deps)
  await runKeyed(
    messages,
    keyOfMessage,
    deps.concurrency,
    (m) => run.handleOne(m),
    // handleOne catches the handler's errors; anything here is a runtime bug: retry, never drop.
    (m, err) => run.noteRetry(m.offset, toCopydeskError(err)),
    { inOrder: deps.stage.ordered === true },
  )
  return { ...run.tracker.committable(), retry: run.retry }
}
