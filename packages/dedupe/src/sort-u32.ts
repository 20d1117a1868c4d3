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
  const n = values.length
  if (n < 32) return values.sort()
  let bits = 5
  while (1 << bits < n && bits < 16) bits++
  const nb = 1 << bits
  const shift = 32 - bits
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
  values.set(out.subarray(0, n))
  return values
}
