const EMPTY = 0xffffffff

/**
 * Open-addressing multimap from 32-bit keys to 32-bit values in one typed array of (key, value)
 * pairs (8 bytes a slot; a probe touches one cache line, not one per array), with linear probing and backward-shift deletion so removals leave no tombstones behind:
 * the dedupe window deletes as many entries as it inserts, and tombstones would fill the table.
 */
export class U32MultiMap {
  /** pairs: key at 2i, value at 2i + 1 (EMPTY value: free slot) */
  private data: Uint32Array
  private mask: number
  private used = 0
  /** xor of the slots `touch` loaded: written so that the loads are not optimised away */
  touchSink = 0

  constructor(initialCapacity = 1024) {
    let cap = 16
    while (cap < initialCapacity * 1.25) cap *= 2
    this.data = newPairs(cap)
    this.mask = cap - 1
  }

  /** entries held */
  get size(): number {
    return this.used
  }

  /** bytes of the typed arrays */
  get byteLength(): number {
    return this.data.byteLength
  }

  /** Adds a (key, value) pair; a key may hold several values. `value` must not be 0xffffffff. */
  add(key: number, value: number): void {
    if ((this.used + 1) * 5 > (this.mask + 1) * 4) this.grow()
    const d = this.data
    let i = this.slotOf(key)
    while (d[2 * i + 1] !== EMPTY) i = (i + 1) & this.mask
    d[2 * i] = key
    d[2 * i + 1] = value
    this.used++
  }

  /** Calls `visit` with every value of `key` until it returns true; returns that value or -1. */
  find(key: number, visit: (value: number) => boolean): number {
    const d = this.data
    let i = this.slotOf(key)
    for (;;) {
      const v = d[2 * i + 1]!
      if (v === EMPTY) return -1
      if (d[2 * i] === key && visit(v)) return v
      i = (i + 1) & this.mask
    }
  }

  /**
   * Touches the home slot of every key, so the cache misses of a batch of lookups overlap (the
   * loads are independent) instead of being paid one after another by `first`.
   */
  touch(keys: ArrayLike<number>, n = keys.length, from = 0): void {
    const d = this.data
    let sink = 0
    for (let k = from; k < from + n; k++) sink ^= d[2 * this.slotOf(keys[k]!) + 1]!
    this.touchSink = sink
  }

  /** The first value of `key`, or -1. */
  first(key: number): number {
    const d = this.data
    let i = this.slotOf(key)
    for (;;) {
      const v = d[2 * i + 1]!
      if (v === EMPTY) return -1
      if (d[2 * i] === key) return v
      i = (i + 1) & this.mask
    }
  }

  /** Replaces the value of the pair (key, from) by `to`; returns false when the pair is absent. */
  replace(key: number, from: number, to: number): boolean {
    const d = this.data
    let i = this.slotOf(key)
    for (;;) {
      const v = d[2 * i + 1]!
      if (v === EMPTY) return false
      if (d[2 * i] === key && v === from) {
        d[2 * i + 1] = to
        return true
      }
      i = (i + 1) & this.mask
    }
  }

  /** Removes the pair (key, value); returns false when it is absent. */
  delete(key: number, value: number): boolean {
    const d = this.data
    let i = this.slotOf(key)
    for (;;) {
      const v = d[2 * i + 1]!
      if (v === EMPTY) return false
      if (d[2 * i] === key && v === value) break
      i = (i + 1) & this.mask
    }
    // Backward shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i
    let j = (i + 1) & this.mask
    while (d[2 * j + 1] !== EMPTY) {
      const home = this.slotOf(d[2 * j]!)
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j
      if (!between) {
        d[2 * hole] = d[2 * j]!
        d[2 * hole + 1] = d[2 * j + 1]!
        hole = j
      }
      j = (j + 1) & this.mask
    }
    d[2 * hole + 1] = EMPTY
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
    const old = this.data
    const cap = (this.mask + 1) * 2
    this.data = newPairs(cap)
    this.mask = cap - 1
    this.used = 0
    for (let i = 1; i < old.length; i += 2) {
      if (old[i] !== EMPTY) this.add(old[i - 1]!, old[i]!)
    }
  }
}

function newPairs(cap: number): Uint32Array {
  const d = new Uint32Array(2 * cap)
  for (let i = 1; i < d.length; i += 2) d[i] = EMPTY
  return d
}
