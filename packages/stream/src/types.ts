import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { z } from 'zod'

/** Kafka header values as they travel: bytes or text, possibly repeated. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>

/** One event a handler emits; `topic` defaults to the stage's first output topic. */
export interface OutputEvent<T = unknown> {
  topic?: string
  key: string | null
  value: T
  headers?: Record<string, string>
}

/** Where the record being handled came from, and what the handler may use. */
export interface StageContext {
  /** Child logger bound to {stage, topic, partition, offset, articleId?}. */
  log: Logger
  topic: string
  partition: number
  offset: string
  /** The record's Kafka timestamp, epoch milliseconds. */
  timestamp: number
  key: string | null
  /** Decoded input headers (first value of repeated headers). */
  headers: Record<string, string>
  /** Aborted when the runner shuts down: long handlers should stop (the record is handled again later). */
  signal: AbortSignal
  /** 1 on the first try of this record, then 2, 3, … after retryable failures. */
  attempt: number
}

/** What `handle` may return: nothing, one event or several. */
export type HandleResult<O> = OutputEvent<O> | readonly OutputEvent<O>[] | null | undefined

/** A stage: a function from one input event to zero, one or several output events. */
export interface Stage<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string
  from: { topic: string; schema: I }
  /** One or several output topics; the first is the default of `OutputEvent.topic`. */
  to: { topic: string | readonly string[]; schema: O; eventType?: string }
  handle: (
    event: z.infer<I>,
    ctx: StageContext,
  ) => HandleResult<z.infer<O>> | Promise<HandleResult<z.infer<O>>>
  /**
   * Records of a partition start in offset order: a record whose key is still in flight holds
   * back the records after it, instead of letting other keys overtake it. For a stage that handles
   * records concurrently but must hand something on in offset order (the archive's batch files).
   */
  ordered?: boolean
  /** Opens the stage's own resources (clients, caches) before the first record. */
  open?: (ctx: { log: Logger }) => void | Promise<void>
  /** Closes them after the last record, during shutdown. */
  close?: (ctx: { log: Logger }) => void | Promise<void>
  /**
   * Called after each group join with the input partitions this instance owns and the group's
   * committed offset of each (-1: none yet), e.g. to take up per-partition state a previous owner
   * left. In exactly-once mode the previous owners are fenced first, so these offsets include
   * their last commits. It runs beside the records (they do not wait for it). A retryable failure
   * is retried with the runtime's backoff (a log line and a `copydesk_stream_retries_total` count
   * each) until it succeeds, the next join supersedes it or the runner stops; a non-retryable one
   * is logged.
   */
  assigned?: (ctx: {
    log: Logger
    partitions: readonly { topic: string; partition: number; committed: string }[]
  }) => void | Promise<void>
}

/** Readiness as /readyz reports it. */
export interface RunnerStatus {
  connected: boolean
  assigned: { topic: string; partitions: number[] }[]
  paused: { topic: string; partitions: number[] }[]
  /** The consumer crashed for good (kafkajs gave up); the runner stops itself. */
  crashed: boolean
}

/** A started stage: status, metrics and a graceful stop. */
export interface StageRunner {
  readonly stage: string
  /** The ops server address (`http://127.0.0.1:<port>`), or null when HTTP_PORT is -1. */
  readonly httpUrl: string | null
  readonly registry: Registry
  readonly log: Logger
  status: () => RunnerStatus
  /** Stops fetching, drains or aborts in-flight work, commits, leaves the group, disconnects. */
  stop: (reason?: string) => Promise<void>
  /** Settles when the runner stopped (by `stop` or because the consumer crashed). */
  readonly stopped: Promise<void>
}
