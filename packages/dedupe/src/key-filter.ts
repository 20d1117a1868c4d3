/**
 * A bitmap in front of the anchor index: two bits per key in one 32-bit word (a blocked Bloom
 * filter: one memory access per test, ~4% false positives instead of ~12% with one bit), about
 * eight bits per stored key, so an absent key (most query keys of a new article) is answered from a few megabytes that stay
 * in cache instead of a probe into the index's much larger table (a cache and TLB miss each).
 * Bits are never cleared one by one (another key may share the bit): the owner rebuilds the
 * filter from its live keys once as many keys were added since the last rebuild as it holds.
 */
export class KeyFilter {
  private bits: Int32Array
  private shift: number
  private added = 0

  constructor(expectedKeys: number) {
    let log2 = 15
    while (2 ** log2 < expectedKeys * 8 && log2 < 30) log2++
    this.bits = new Int32Array(2 ** (log2 - 5))
    // the word: the top log2 - 5 bits of one multiplicative hash
    this.shift = 32 - (log2 - 5)
  }

  /** bytes of the bitmap */
  get byteLength(): number {
    return this.bits.byteLength
  }

  /** keys added since the last clear */
  get addedSinceClear(): number {
    return this.added
  }

  add(key: number): void {
    this.bits[Math.imul(key, 0x9e3779b1) >>> this.shift]! |= maskOf(key)
    this.added++
  }

  /** False when `key` was surely not added since the last clear. */
  mayHold(key: number): boolean {
    const m = maskOf(key)
    return (this.bits[Math.imul(key, 0x9e3779b1) >>> this.shift]! & m) === m
  }

  /**
   * Copies into `out` the keys that may have been added (the others surely were not); returns
   * how many. Branch-free, so the loads of every key's word are in flight together: each is a
   * cache and TLB miss into megabytes, and a mispredicted branch on one would squash the others.
   */
  selectMaybe(keys: Uint32Array, out: Uint32Array): number {
    const bits = this.bits
    const shift = this.shift
    let m = 0
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const mask = maskOf(key)
      out[m] = key
      m += (bits[Math.imul(key, 0x9e3779b1) >>> shift]! & mask) === mask ? 1 : 0
    }
    return m
  }

  clear(): void {
    this.bits.fill(0)
    this.added = 0
  }
}

/** Two bit positions in the key's word, from a second multiplicative hash. */
function maskOf(key: number): number {
  const h = Math.imul(key, 0x85ebca6b)
  return (1 << (h >>> 27)) | (1 << ((h >>> 22) & 31))
}
