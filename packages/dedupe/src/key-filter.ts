/**
 * A bitmap in front of the anchor index: one bit per hashed key, about eight bits per stored key,
 * so an absent key (most query keys of a new article) is answered from a few megabytes that stay
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
    this.shift = 32 - log2
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
    const h = Math.imul(key, 0x9e3779b1) >>> this.shift
    this.bits[h >>> 5]! |= 1 << (h & 31)
    this.added++
  }

  /** False when `key` was surely not added since the last clear. */
  mayHold(key: number): boolean {
    const h = Math.imul(key, 0x9e3779b1) >>> this.shift
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0
  }

  clear(): void {
    this.bits.fill(0)
    this.added = 0
  }
}
