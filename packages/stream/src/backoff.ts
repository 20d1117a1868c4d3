/** Backoff settings: the first delay and the ceiling. */
export interface BackoffOptions {
  initialMs: number
  maxMs: number
}

/**
 * Exponential backoff with full jitter: attempt 1 waits up to `initialMs`, each next attempt doubles
 * the ceiling up to `maxMs`. Jitter keeps instances that failed together (a broker restart) from
 * retrying in lockstep; never below half the ceiling, so a retry never becomes a busy loop.
 */
export function computeBackoff(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))
  return Math.round(exp / 2 + (exp / 2) * random())
}

/** Waits `ms`, or less if the signal aborts (shutdown must not wait out a 30 s backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
