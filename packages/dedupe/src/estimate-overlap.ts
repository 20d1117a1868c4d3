import { hasSortedU32 } from './sort-u32.ts'

/** Overlap between a new article (all its shingles) and a stored one (its bottom-k sketch). */
export interface OverlapEstimate {
  /** sketch hashes of the stored article found in the new one */
  shared: number
  /** estimated share of the stored article found in the new one */
  storedInNew: number
  /** estimated share of the new article found in the stored one */
  newInStored: number
  /** max of the two: the overlap coefficient |A∩B| / min(|A|,|B|) */
  overlap: number
  /**
   * a cautious newInStored: its lower confidence bound (Wilson, z = 1.28) over the few new hashes
   * below τ it was measured on; exact when the stored sketch holds the whole article
   */
  newInStoredLow: number
}

// One bit per 16-bit value: the stored sketch's low halves, set and cleared by each call.
const LOW16_BITS = new Int32Array(2048)

/**
 * Estimates containment both ways from the stored article's bottom-k sketch and the new article's
 * full shingle set. Every stored hash up to the sketch's largest value τ is in the sketch, so the
 * new article's hashes up to τ are a fair sample of it: the share of them found in the sketch
 * estimates how much of the new article the stored one contains, which is what a short brief of a
 * long original needs (symmetric Jaccard would call that pair unrelated). `shingles` are distinct;
 * the first `sortedCount` ascending, the others above them all in any order (see `Fingerprint`).
 */
export function estimateOverlap(
  shingles: Uint32Array,
  sketch: Uint32Array | Uint16Array,
  tau: number,
  storedSize: number,
  sortedCount: number = shingles.length,
): OverlapEstimate {
  const k = sketch.length
  if (k === 0 || shingles.length === 0) {
    return { shared: 0, storedInNew: 0, newInStored: 0, overlap: 0, newInStoredLow: 0 }
  }
  let shared = 0
  let below = 0
  let i = 0
  if (sketch instanceof Uint16Array) {
    // Membership in the stored low-16-bit sketch through a 65,536-bit map (8 KiB, stays in cache):
    // one load per new hash instead of a binary search with its mispredicted branches.
    const bits = LOW16_BITS
    for (let j = 0; j < k; j++) bits[sketch[j]! >>> 5]! |= 1 << (sketch[j]! & 31)
    for (; i < sortedCount && shingles[i]! <= tau; i++) {
      const a = shingles[i]!
      shared += (bits[(a & 0xffff) >>> 5]! >>> (a & 31)) & 1
    }
    below = i
    // The unsorted rest (each value above every sorted one) only counts when τ reaches past them all.
    if (i === sortedCount) {
      for (let r = sortedCount; r < shingles.length; r++) {
        const a = shingles[r]!
        if (a > tau) continue
        below++
        shared += (bits[(a & 0xffff) >>> 5]! >>> (a & 31)) & 1
      }
    }
    for (let j = 0; j < k; j++) bits[sketch[j]! >>> 5] = 0
  } else {
    let j = 0
    for (; i < sortedCount && shingles[i]! <= tau; i++) {
      const a = shingles[i]!
      below++
      while (j < k && sketch[j]! < a) j++
      if (j < k && sketch[j] === a) shared++
    }
    if (i === sortedCount) {
      for (let r = sortedCount; r < shingles.length; r++) {
        const a = shingles[r]!
        if (a > tau) continue
        below++
        if (hasSortedU32(sketch, a)) shared++
      }
    }
  }
  shared = Math.min(shared, k)
  const complete = k >= storedSize
  const storedInNew = shared / k
  const newInStored = complete ? shared / shingles.length : below === 0 ? 0 : shared / below
  const newInStoredLow = complete ? newInStored : wilsonLow(shared, below)
  const overlap = Math.min(1, Math.max(storedInNew, newInStored))
  return { shared, storedInNew, newInStored, overlap, newInStoredLow }
}

/** Lower bound of the Wilson score interval of `hits` out of `n` at z = 1.28 (80%, two-sided). */
function wilsonLow(hits: number, n: number): number {
  if (n === 0) return 0
  const z2 = 1.28 * 1.28
  const p = Math.min(1, hits / n)
  const centre = p + z2 / (2 * n)
  const spread = 1.28 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return Math.max(0, (centre - spread) / (1 + z2 / n))
}
