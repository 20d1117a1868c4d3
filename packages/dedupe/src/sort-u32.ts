let buffer = new Uint32Array(4096)
let bounds = new Int32Array(1025)

// A bucket this full means the values are not spread like hashes: insertion sort would go
// quadratic, so the native sort takes over.
const MAX_BUCKET = 64

/**
 * Sorts 32-bit unsigned values in place. Shingle hashes are uniform, so one counting pass on the
 * top bits (about one bucket per value) followed by an insertion sort that only moves values
 * within their tiny buckets is about twice as fast as a four-pass LSD radix sort or
 * TypedArray#sort on the few hundred hashes of an article.
 */
export function sortU32(values: Uint32Array): Uint32Array {
  const sorted = sortToScratch(values)
  if (sorted !== values) values.set(sorted.subarray(0, values.length))
  return values
}

/**
 * The distinct values of `values` ascending, in a new array (`values` is used as scratch): the
 * bucket sort of `sortU32` without the copy back, deduplicated in the sorted buffer, then one
 * native copy out.
 */
export function sortUniqueU32(values: Uint32Array): Uint32Array {
  const n = values.length
  const sorted = sortToScratch(values)
  let w = n === 0 ? 0 : 1
  for (let r = 1; r < n; r++) {
    const v = sorted[r]!
    if (v !== sorted[w - 1]) sorted[w++] = v
  }
  return sorted.slice(0, w)
}

/**
 * Sorts and deduplicates `values` in place; returns how many distinct values lead it (ascending).
 * `valueBits`: every value is below 2^valueBits (the buckets then split that range, not 2^32).
 */
export function sortUniqueInPlace(values: Uint32Array, valueBits = 32): number {
  const n = values.length
  const sorted = sortToScratch(values, valueBits)
  let w = n === 0 ? 0 : 1
  for (let r = 1; r < n; r++) {
    const v = sorted[r]!
    if (v !== sorted[w - 1]) sorted[w++] = v
  }
  if (sorted !== values) values.set(sorted.subarray(0, w))
  return w
}

/** Sorts `values`: in place (returns `values`) or into the module's scratch buffer (returns it). */
function sortToScratch(values: Uint32Array, valueBits = 32): Uint32Array {
  const n = values.length
  if (n < 32) return values.sort()
  let bits = 5
  while (1 << bits < n && bits < 16) bits++
  const nb = 1 << bits
  const shift = Math.max(0, valueBits - bits)
  if (bounds.length < nb + 1) bounds = new Int32Array(nb * 2 + 1)
  if (buffer.length < n) buffer = new Uint32Array(n * 2)
  const starts = bounds
  const out = buffer
  starts.fill(0, 0, nb + 1)
  for (let i = 0; i < n; i++) starts[(values[i]! >>> shift) + 1]!++
  for (let b = 1; b <= nb; b++) {
    if (starts[b]! > MAX_BUCKET) return values.sort()
    starts[b]! += starts[b - 1]!
  }
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    out[starts[v >>> shift]!++] = v
  }
  for (let i = 1; i < n; i++) {
    const v = out[i]!
    let j = i - 1
    while (j >= 0 && out[j]! > v) {
      out[j + 1] = out[j]!
      j--
    }
    out[j + 1] = v
  }
  return out
}

/** Whether `v` is in `sorted` (ascending), by binary search. */
export function hasSortedU32(sorted: Uint32Array, v: number): boolean {
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
