/**
 * Coalesces the calls made during one event-loop turn (the concurrent records of a stream batch)
 * into one call of `run` over all of them, so N concurrent articles cost one Redis round trip and
 * one script call instead of N. A lone caller pays only a setImmediate.
 */
export function createMicroBatcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  maxBatch: number,
): (item: I) => Promise<O> {
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = []
  let scheduled = false

  const flush = () => {
    scheduled = false
    const batch = queue
    queue = []
    if (batch.length === 0) return
    run(batch.map((b) => b.item)).then(
      (outs) => {
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(outs[i]!)
      },
      (err: unknown) => {
        for (const b of batch) b.reject(err)
      },
    )
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject })
      if (queue.length >= maxBatch) flush()
      else if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    })
}
