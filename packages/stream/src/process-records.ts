import {
  type CopydeskError,
  cloudEventHeaders,
  decodeEvent,
  CopydeskError as Err,
  formatIssues,
  toCopydeskError,
} from '@copydesk/contracts'
import type { KafkaMessage } from 'kafkajs'
import type { Logger } from 'pino'
import { buildDeadLetter, type ProducerRecord } from './dead-letter.ts'
import { decodeHeaders } from './header-codec.ts'
import { createKeyedScheduler } from './key-scheduler.ts'
import { OffsetTracker } from './offset-tracker.ts'
import type { Stage, StageContext } from './types.ts'

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

/** ISO 8601 time of the current millisecond, formatted once per millisecond, not once per record. */
const clock = {
  ms: -1,
  text: '',
  iso(): string {
    const now = Date.now()
    if (now !== this.ms) {
      this.ms = now
      this.text = new Date(now).toISOString()
    }
    return this.text
  },
}

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
  const { schedule } = createKeyedScheduler(deps.concurrency)
  const topicsOut = outputTopics(stage)
  const ceSource = `copydesk/${stage.name}`
  const halt: { retry: RetryNeeded | null } = { retry: null }
  const noteRetry = (offset: string, error: CopydeskError) => {
    // Keep the lowest failing offset: the retry restarts there.
    if (!halt.retry || BigInt(offset) < BigInt(halt.retry.offset)) halt.retry = { offset, error }
  }

  const handleOne = async (message: KafkaMessage): Promise<void> => {
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
    let result: Awaited<ReturnType<Stage['handle']>>
    try {
      result = await stage.handle(event, ctx)
    } catch (err) {
      const error = toCopydeskError(err)
      if (error.retryable) return noteRetry(message.offset, error)
      return deadLetter(error)
    } finally {
      deps.observeHandle((performance.now() - started) / 1000)
    }
    const outputs = result == null ? [] : Array.isArray(result) ? result : [result]
    const records: ProducerRecord[] = []
    for (const [i, out] of outputs.entries()) {
      const outTopic = out.topic ?? topicsOut[0]
      if (!outTopic || !topicsOut.includes(outTopic)) {
        return deadLetter(
          new Err(
            'ERR_HANDLER',
            `output ${i} goes to ${outTopic}, not one of the stage's topics (${topicsOut.join(', ')})`,
          ),
        )
      }
      const parsed = stage.to.schema.safeParse(out.value)
      if (!parsed.success) {
        return deadLetter(
          new Err('ERR_SCHEMA', `invalid output ${i} for ${outTopic}: ${formatIssues(parsed.error.issues)}`),
        )
      }
      records.push({
        topic: outTopic,
        key: out.key,
        // Encoded now: the batch's outputs wait for its commit, and a Buffer lives outside the JS heap,
        // where young-generation collections do not copy it again and again.
        value: Buffer.from(JSON.stringify(parsed.data)),
        headers: {
          // Derived from the input coordinates, so a replay gives the same id and consumers can dedupe.
          [cloudEventHeaders.id]: `${topic}/${partition}/${message.offset}/${i}`,
          [cloudEventHeaders.type]: stage.to.eventType ?? outTopic,
          [cloudEventHeaders.source]: ceSource,
          [cloudEventHeaders.time]: clock.iso(),
          [cloudEventHeaders.specVersion]: '1.0',
          [cloudEventHeaders.contentType]: 'application/json',
          ...out.headers,
        },
      })
    }
    if (deps.log.isLevelEnabled('debug')) getLog().debug({ outputs: records.length }, 'record handled')
    tracker.markDone(message.offset, { offset: message.offset, records, deadLetter: null })
  }

  await Promise.all(
    messages.map((m) =>
      schedule(m.key === null ? null : m.key.toString('latin1'), () => handleOne(m)).catch((err: unknown) => {
        // handleOne catches the handler's errors; anything here is a runtime bug: retry, never drop.
        noteRetry(m.offset, toCopydeskError(err))
      }),
    ),
  )
  const prefix = tracker.committable()
  return { ...prefix, retry: halt.retry }
}
