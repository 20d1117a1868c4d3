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
}

/**
 * Estimates containment both ways from the stored article's bottom-k sketch and the new article's
 * full shingle set. Every stored hash up to the sketch's largest value τ is in the sketch, so the
 * new article's hashes up to τ are a fair sample of it: the share of them found in the sketch
 * estimates how much of the new article the stored one contains, which is what a short brief of a
 * long original needs (symmetric Jaccard would call that pair unrelated).
 */
export function estimateOverlap(
  shingles: Uint32Array,
  sketch: Uint32Array | Uint16Array,
  tau: number,
  storedSize: number,
): OverlapEstimate {
  const k = sketch.length
  if (k === 0 || shingles.length === 0) return { shared: 0, storedInNew: 0, newInStored: 0, overlap: 0 }
  let shared = 0
  let below = 0
  if (sketch instanceof Uint16Array) {
    for (let i = 0; i < shingles.length && shingles[i]! <= tau; i++) {
      below++
      if (hasU16(sketch, shingles[i]! & 0xffff)) shared++
    }
  } else {
    let j = 0
    for (let i = 0; i < shingles.length && shingles[i]! <= tau; i++) {
      const a = shingles[i]!
      below++
      while (j < k && sketch[j]! < a) j++
      if (j < k && sketch[j] === a) shared++
    }
  }
  shared = Math.min(shared, k)
  const complete = k >= storedSize
  const storedInNew = shared / k
  const newInStored = complete ? shared / shingles.length : below === 0 ? 0 : shared / below
  return { shared, storedInNew, newInStored, overlap: Math.min(1, Math.max(storedInNew, newInStored)) }
}

function hasU16(sorted: Uint16Array, v: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const x = sorted[mid]!
    if (x === v) return true
    if (x < v) lo = mid + 1
    else hi = mid - 1
  }
  return false
}
