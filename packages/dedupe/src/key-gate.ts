import { hasSortedU32 } from './sort-u32.ts'
import type { Fingerprint } from './types.ts'

/** An assign in flight: the keys its commit may index, and who waits for it to finish. */
export interface GateEntry {
  articleId: string
  exactKey: string
  anchors: Uint32Array
  queryKeys: Uint32Array
  waiters: (() => void)[] | null
}

/** Lets one deduper's concurrent assigns pass; an assign that depends on earlier ones waits. */
export interface KeyGate {
  /**
   * Registers an assign; resolves once every earlier assign still in flight that touches the same
   * story (an index key of one among the query keys of the other, the same exact key or the same
   * id) has finished. Synchronous (no promise) when there is none.
   */
  enter(articleId: string, fp: Fingerprint): GateEntry | Promise<GateEntry>
  /** Marks the assign finished (committed, answered or failed) and wakes whoever waits for it. */
  leave(entry: GateEntry): void
}

/**
 * Orders the concurrent assigns of one deduper that touch the same story. Without it, two copies
 * in one batch are read together, the second's commit sees the first's and conflicts, and it is
 * read and decided again (a stream batch of wire copy read each article ~1.7 times). Waiting for
 * the earlier copy instead costs no store call. Assigns only wait for earlier ones, so no cycle.
 * Other writers (other instances) are still caught by the store's conflict check.
 */
export function createKeyGate(): KeyGate {
  const inFlight = new Set<GateEntry>()
  return {
    enter(articleId, fp) {
      const entry: GateEntry = {
        articleId,
        exactKey: fp.exactKey,
        anchors: fp.anchors,
        queryKeys: fp.queryKeys,
        waiters: null,
      }
      const before: GateEntry[] = []
      for (const other of inFlight) if (dependsOn(articleId, fp, other)) before.push(other)
      inFlight.add(entry)
      if (before.length === 0) return entry
      return Promise.all(before.map(waitFor)).then(() => entry)
    },
    leave(entry) {
      inFlight.delete(entry)
      const waiters = entry.waiters
      entry.waiters = null
      if (waiters !== null) for (const wake of waiters) wake()
    },
  }
}

function waitFor(entry: GateEntry): Promise<void> {
  return new Promise((resolve) => {
    if (entry.waiters === null) entry.waiters = [resolve]
    else entry.waiters.push(resolve)
  })
}

function dependsOn(articleId: string, fp: Fingerprint, other: GateEntry): boolean {
  if (other.articleId === articleId || other.exactKey === fp.exactKey) return true
  // Both ways: either commit landing first makes the other's read stale.
  for (const key of other.anchors) if (hasSortedU32(fp.queryKeys, key)) return true
  for (const key of fp.anchors) if (hasSortedU32(other.queryKeys, key)) return true
  return false
}
