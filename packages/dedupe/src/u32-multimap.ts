const EMPTY = 0xffffffff

/**
 * Open-addressing multimap from 32-bit keys to 32-bit values in two typed arrays (8 bytes a
 * slot), with linear probing and backward-shift deletion so removals leave no tombstones behind:
 * the dedupe window deletes as many entries as it inserts, and tombstones would fill the table.
 */
export class U32MultiMap {
  private keys: Uint32Array
  private vals: Uint32Array
  private mask: number
  private used = 0

  constructor(initialCapacity = 1024) {
    let cap = 16
    while (cap < initialCapacity * 1.25) cap *= 2
    this.keys = new Uint32Array(cap)
    this.vals = new Uint32Array(cap).fill(EMPTY)
    this.mask = cap - 1
  }

  /** entries held */
  get size(): number {
    return this.used
  }

  /** bytes of the typed arrays */
  get byteLength(): number {
    return this.keys.byteLength + this.vals.byteLength
  }

  /** Adds a (key, value) pair; a key may hold several values. `value` must not be 0xffffffff. */
  add(key: number, value: number): void {
    if ((this.used + 1) * 5 > (this.mask + 1) * 4) this.grow()
    let i = this.slotOf(key)
    while (this.vals[i] !== EMPTY) i = (i + 1) & this.mask
    this.keys[i] = key
    this.vals[i] = value
    this.used++
  }

  /** Calls `visit` with every value of `key` until it returns true; returns that value or -1. */
  find(key: number, visit: (value: number) => boolean): number {
    let i = this.slotOf(key)
    for (;;) {
      const v = this.vals[i]!
      if (v === EMPTY) return -1
      if (this.keys[i] === key && visit(v)) return v
      i = (i + 1) & this.mask
    }
  }

  /** The first value of `key`, or -1. */
  first(key: number): number {
    let i = this.slotOf(key)
    for (;;) {
      const v = this.vals[i]!
      if (v === EMPTY) return -1
      if (this.keys[i] === key) return v
      i = (i + 1) & this.mask
    }
  }

  /** Replaces the value of the pair (key, from) by `to`; returns false when the pair is absent. */
  replace(key: number, from: number, to: number): boolean {
    let i = this.slotOf(key)
    for (;;) {
      const v = this.vals[i]!
      if (v === EMPTY) return false
      if (this.keys[i] === key && v === from) {
        this.vals[i] = to
        return true
      }
      i = (i + 1) & this.mask
    }
  }

  /** Removes the pair (key, value); returns false when it is absent. */
  delete(key: number, value: number): boolean {
    let i = this.slotOf(key)
    for (;;) {
      const v = this.vals[i]!
      if (v === EMPTY) return false
      if (this.keys[i] === key && v === value) break
      i = (i + 1) & this.mask
    }
    // Backward shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i
    let j = (i + 1) & this.mask
    while (this.vals[j] !== EMPTY) {
      const home = this.slotOf(this.keys[j]!)
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j
      if (!between) {
        this.keys[hole] = this.keys[j]!
        this.vals[hole] = this.vals[j]!
        hole = j
      }
      j = (j + 1) & this.mask
    }
    this.vals[hole] = EMPTY
    this.used--
    return true
  }

  // Keys may be small or sequential (slot numbers, structured ids): mix before masking.
  private slotOf(key: number): number {
    let h = Math.imul(key ^ (key >>> 16), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    return (h ^ (h >>> 16)) & this.mask
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldVals = this.vals
    const cap = (this.mask + 1) * 2
    this.keys = new Uint32Array(cap)
    this.vals = new Uint32Array(cap).fill(EMPTY)
    this.mask = cap - 1
    this.used = 0
    for (let i = 0; i < oldVals.length; i++) {
      if (oldVals[i] !== EMPTY) this.add(oldKeys[i]!, oldVals[i]!)
    }
  }
}
