/**
 * Runs `task` for every item with at most `concurrency` tasks in flight, and the items of one key
 * strictly in their order: an item starts only after the previous item of its key settled, so two
 * versions of one article are never handled out of order. Items without a key (null) have no order
 * to keep. A task that returns synchronously costs no promise: a batch of a synchronous handler
 * runs in one loop instead of a chain of promises per record. A task that throws or rejects is
 * reported to `onError` and counts as settled.
 */
export function runKeyed<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  concurrency: number,
  task: (item: T) => void | PromiseLike<void>,
  onError: (item: T, err: unknown) => void,
  options: { inOrder?: boolean } = {},
): Promise<void> {
  if (options.inOrder) return runInOrder(items, keyOf, concurrency, task, onError)
  return new Promise<void>((resolve) => {
    // Items behind the running item of their key, per busy key.
    const waiting = new Map<string, T[]>()
    const busy = new Set<string>()
    // Items free to start (first of their key, or next after it), in order, waiting for a slot.
    const ready: T[] = []
    let head = 0
    let active = 0
    let settled = 0
    let pumping = false

    const finish = (item: T) => {
      active--
      settled++
      const key = keyOf(item)
      if (key !== null) {
        const next = waiting.get(key)?.shift()
        if (next === undefined) {
          busy.delete(key)
          waiting.delete(key)
        } else ready.push(next)
      }
      pump()
    }

    const start = (item: T) => {
      active++
      runTask(item, task, onError, () => finish(item))
    }

    // One loop starts every item a slot allows; a synchronous finish inside it only queues the
    // key's next item (no recursion as deep as the batch).
    function pump() {
      if (pumping) return
      pumping = true
      while (active < concurrency && head < ready.length) start(ready[head++] as T)
      pumping = false
      if (settled === items.length) resolve()
    }

    for (const item of items) {
      const key = keyOf(item)
      if (key === null) ready.push(item)
      else if (busy.has(key)) {
        const queue = waiting.get(key)
        if (queue) queue.push(item)
        else waiting.set(key, [item])
      } else {
        busy.add(key)
        ready.push(item)
      }
    }
    pump()
  })
}

/**
 * runKeyed with items started strictly in their order: an item whose key is busy holds back every
 * item after it until the key is free, so the start order is the item order (what a stage that
 * hands results on in offset order relies on). Fewer items overlap when keys repeat.
 */
function runInOrder<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  concurrency: number,
  task: (item: T) => void | PromiseLike<void>,
  onError: (item: T, err: unknown) => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const busy = new Set<string>()
    let next = 0
    let active = 0
    let settled = 0
    let pumping = false

    const finish = (key: string | null) => {
      active--
      settled++
      if (key !== null) busy.delete(key)
      pump()
    }

    function pump() {
      if (pumping) return
      pumping = true
      while (active < concurrency && next < items.length) {
        const item = items[next] as T
        const key = keyOf(item)
        if (key !== null && busy.has(key)) break
        next++
        active++
        if (key !== null) busy.add(key)
        // A synchronous finish inside this loop only frees its slot and key (pump is re-entered
        // as a no-op), so a batch of a synchronous handler runs in this one loop.
        runTask(item, task, onError, () => finish(key))
      }
      pumping = false
      if (settled === items.length) resolve()
    }
    pump()
  })
}

/** Runs `task` on `item` and calls `done` once it settled: at once when it returned no promise. */
function runTask<T>(
  item: T,
  task: (item: T) => void | PromiseLike<void>,
  onError: (item: T, err: unknown) => void,
  done: () => void,
): void {
  let pending: unknown
  try {
    pending = task(item)
  } catch (err) {
    onError(item, err)
  }
  if (typeof (pending as PromiseLike<void> | undefined)?.then === 'function') {
    ;(pending as PromiseLike<void>).then(done, (err: unknown) => {
      onError(item, err)
      done()
    })
  } else done()
}
