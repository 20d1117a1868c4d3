/**
 * Tracks which offsets of one partition's batch are done. Records finish out of order (different
 * keys run concurrently), but only the offset below which *every* record is done may be committed:
 * committing past an unfinished record would lose it if the process died.
 */
export class OffsetTracker<R> {
  private readonly offsets: bigint[]
  private readonly done = new Map<bigint, R>()

  /** `offsets` in fetch order (ascending; gaps from compaction or control records are fine). */
  constructor(offsets: readonly string[]) {
    this.offsets = offsets.map((o) => BigInt(o))
  }

  /** Records the result of one offset. */
  markDone(offset: string, result: R): void {
    this.done.set(BigInt(offset), result)
  }

  /** How many offsets are done (in any order). */
  get doneCount(): number {
    return this.done.size
  }

  /**
   * The done prefix: results of every offset below the first unfinished one, in offset order, and
   * the offset to commit (last prefix offset + 1), or null if the first record is not done.
   */
  committable(): { results: R[]; commitOffset: string | null; lastOffset: string | null } {
    const results: R[] = []
    let last: bigint | null = null
    for (const offset of this.offsets) {
      if (!this.done.has(offset)) break
      results.push(this.done.get(offset) as R)
      last = offset
    }
    return {
      results,
      commitOffset: last === null ? null : (last + 1n).toString(),
      lastOffset: last === null ? null : last.toString(),
    }
  }
}
