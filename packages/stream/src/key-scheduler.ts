import pLimit from 'p-limit'

/**
 * Runs tasks with bounded concurrency while keeping the order of tasks that share a key: a task
 * starts only after the previous task of its key settled, so two versions of one article are never
 * handled out of order. Tasks without a key (null) have no order to keep and run independently.
 */
export function createKeyedScheduler(concurrency: number) {
  const limit = pLimit(concurrency)
  const tails = new Map<string, Promise<unknown>>()

  /** Schedules `task` after the last task of `key`; resolves with its result. */
  function schedule<T>(key: string | null, task: () => Promise<T>): Promise<T> {
    if (key === null) return limit(task)
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(
      () => limit(task),
      () => limit(task),
    )
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    tails.set(key, tail)
    // Forget finished chains so a long-running batch does not keep every key it ever saw.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }

  return { schedule }
}
