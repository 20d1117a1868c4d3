import type { CopydeskError } from '@copydesk/contracts'
import type { Consumer } from 'kafkajs'
import type { Logger } from 'pino'
import { computeBackoff } from './backoff.ts'
import type { StageMetrics } from './create-metrics.ts'
import type { StreamConfig } from './options.ts'

/**
 * Back-pressure for retryable failures: the partition is paused (kafkajs stops fetching it) for
 * an exponential backoff with jitter, then resumed, and the failed record is fetched again. Other
 * partitions keep flowing. Attempts are counted per offset, forever: a retryable record is never
 * dead-lettered.
 */
export function createPauser(deps: {
  stage: string
  config: StreamConfig
  log: Logger
  metrics: StageMetrics
  consumer: Consumer
  signal: AbortSignal
}) {
  const { config, metrics, consumer } = deps
  const attempts = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()
  const paused = new Map<string, { topic: string; partition: number }>()
  const key = (topic: string, partition: number, offset: string) => `${topic}:${partition}:${offset}`

  const pause = (topic: string, partition: number, offset: string, error: CopydeskError) => {
    const k = key(topic, partition, offset)
    const attempt = (attempts.get(k) ?? 0) + 1
    attempts.set(k, attempt)
    const delayMs = computeBackoff(attempt, {
      initialMs: config.STREAM_RETRY_INITIAL_MS,
      maxMs: config.STREAM_RETRY_MAX_MS,
    })
    const gauge = { stage: deps.stage, topic, partition: String(partition) }
    metrics.retries.inc({ stage: deps.stage, code: error.code })
    deps.log.warn(
      { topic, partition, offset, attempt, delayMs, code: error.code, err: error.message },
      'retryable failure: partition paused for backoff',
    )
    const tp = `${topic}:${partition}`
    consumer.pause([{ topic, partitions: [partition] }])
    paused.set(tp, { topic, partition })
    metrics.paused.set(gauge, 1)
    clearTimeout(timers.get(tp))
    timers.set(
      tp,
      setTimeout(() => {
        timers.delete(tp)
        paused.delete(tp)
        metrics.paused.set(gauge, 0)
        if (!deps.signal.aborted) consumer.resume([{ topic, partitions: [partition] }])
      }, delayMs),
    )
  }

  return {
    pause,
    /** The attempt number the next try of this offset is. */
    attemptOf: (topic: string, partition: number, offset: string) =>
      attempts.size === 0 ? 1 : (attempts.get(key(topic, partition, offset)) ?? 0) + 1,
    /** Forgets the attempts of a committed offset. */
    forget: (topic: string, partition: number, offset: string) => {
      if (attempts.size > 0) attempts.delete(key(topic, partition, offset))
    },
    paused: () => [...paused.values()],
    clear: () => {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    },
  }
}
