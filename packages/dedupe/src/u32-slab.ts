// A typed array of a few hundred elements costs ~1.8 µs to create (its own zeroed backing store,
// counted as external memory that also brings the next GC closer) against ~30 ns for a view into
// an existing buffer. Fingerprints need a few such arrays each and live only while their article
// is assigned, so they are carved out of shared 256 KiB slabs instead; a slab is freed by the GC
// once no view into it is left.
const SLAB_LENGTH = 1 << 16
let slab = new Uint32Array(SLAB_LENGTH)
let used = 0

/**
 * A zeroed Uint32Array of `length` elements, a view into a shared slab (its `buffer` is the slab's:
 * use `byteOffset`/`byteLength` with it). For short-lived arrays; long-lived state should copy.
 */
export function allocU32(length: number): Uint32Array {
  if (used + length > slab.length) {
    slab = new Uint32Array(Math.max(SLAB_LENGTH, length))
    used = 0
  }
  const view = slab.subarray(used, used + length)
  used += length
  return view
}
