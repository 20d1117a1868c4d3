import { KeyFilter } from './key-filter.ts'
import { growTyped } from './typed-grow.ts'
import { U32MultiMap } from './u32-multimap.ts'

const END = 0xfffffffe
const UNLINKED = 0xfffffffd

/**
 * Posting lists of index keys, stored as chains through fixed entries (`slot * perSlot + j`), so
 * an article's postings cost 8 bytes each plus one hash-table slot per distinct key, and evicting
 * an article unlinks exactly its own entries.
 */
export class AnchorIndex {
  private readonly heads = new U32MultiMap(4096)
  private next: Uint32Array
  private keyOf: Uint32Array
  private count: Uint8Array
  private slots: number
  private filter: KeyFilter
  /** entries held (sum of `count`) */
  private entries = 0
  // Scratch of `findHolders`: query keys that passed the filter, then the slot of every posting.
  private passed = new Uint32Array(256)
  private holders = new Uint32Array(1024)

  constructor(
    private readonly perSlot: number,
    slots: number,
  ) {
    this.next = new Uint32Array(slots * perSlot).fill(UNLINKED)
    this.keyOf = new Uint32Array(slots * perSlot)
    this.count = new Uint8Array(slots)
    this.slots = slots
    this.filter = new KeyFilter(slots * perSlot)
  }

  /** bytes of the typed arrays */
  get byteLength(): number {
    return (
      this.heads.byteLength +
      this.next.byteLength +
      this.keyOf.byteLength +
      this.count.byteLength +
      this.filter.byteLength
    )
  }

  /** Makes room for slot numbers below `slots`. */
  resize(slots: number): void {
    this.next = growTyped(this.next, slots * this.perSlot, UNLINKED)
    this.keyOf = growTyped(this.keyOf, slots * this.perSlot)
    this.count = growTyped(this.count, slots)
    this.slots = slots
    this.filter = new KeyFilter(slots * this.perSlot)
    this.refilter()
  }

  /** Rebuilds the key filter from the live entries (drops the bits of evicted keys). */
  private refilter(): void {
    this.filter.clear()
    for (let slot = 0; slot < this.slots; slot++) {
      const n = this.count[slot]!
      for (let j = 0; j < n; j++) this.filter.add(this.keyOf[slot * this.perSlot + j]!)
    }
  }

  /** Adds the keys of `slot`; a key already shared by more than `cap` articles is not extended. */
  insert(slot: number, keys: ArrayLike<number>, cap: number): void {
    const n = Math.min(keys.length, this.perSlot)
    // Amortised: a rebuild visits every entry once per as many insertions.
    if (this.filter.addedSinceClear > 2 * this.entries + 4096) this.refilter()
    this.count[slot] = n
    this.entries += n
    this.heads.touch(keys, n)
    for (let j = 0; j < n; j++) {
      const key = keys[j]!
      const e = slot * this.perSlot + j
      this.keyOf[e] = key
      this.filter.add(key)
      const head = this.heads.first(key)
      if (head === -1) {
        this.next[e] = END
        this.heads.add(key, e)
      } else if (this.chainLength(head, cap + 1) > cap) {
        this.next[e] = UNLINKED
      } else {
        this.next[e] = head
        this.heads.replace(key, head, e)
      }
    }
  }

  /** The first `n` keys stored for `slot`, in insertion order. */
  keysOf(slot: number, n: number): Uint32Array {
    const start = slot * this.perSlot
    return this.keyOf.subarray(start, start + Math.min(n, this.count[slot]!))
  }

  /** Removes every entry of `slot`. */
  remove(slot: number): void {
    const n = this.count[slot]!
    this.heads.touch(this.keyOf, n, slot * this.perSlot)
    for (let j = 0; j < n; j++) {
      const e = slot * this.perSlot + j
      const after = this.next[e]!
      if (after === UNLINKED) continue
      const key = this.keyOf[e]!
      const head = this.heads.first(key)
      if (head === e) {
        if (after === END) this.heads.delete(key, e)
        else this.heads.replace(key, e, after)
      } else {
        let prev = head
        while (prev >= 0 && this.next[prev] !== e) prev = this.next[prev] === END ? -1 : this.next[prev]!
        if (prev >= 0) this.next[prev] = after
      }
      this.next[e] = UNLINKED
    }
    this.count[slot] = 0
    this.entries -= n
  }

  /**
   * Every article holding one of `keys` (a key held by more than `cap` articles is ignored), with
   * how many of the keys it holds: the best `max` by that count (ties: lower slot first) go into
   * `slots`/`shared`; returns how many. Keys the filter rules out cost no probe of the table.
   */
  findHolders(keys: Uint32Array, cap: number, max: number, slots: Uint32Array, shared: Uint32Array): number {
    if (max <= 0) return 0
    if (this.passed.length < keys.length) this.passed = new Uint32Array(keys.length * 2)
    const passed = this.passed
    const m = this.filter.selectMaybe(keys, passed)
    this.heads.touch(passed, m)
    let h = 0
    for (let i = 0; i < m; i++) {
      const head = this.heads.first(passed[i]!)
      if (head === -1 || this.chainLength(head, cap + 1) > cap) continue
      if (this.holders.length < h + cap) this.holders = growTyped(this.holders, 2 * (h + cap))
      for (let e = head; e !== END; e = this.next[e]!) this.holders[h++] = Math.floor(e / this.perSlot)
    }
    const sorted = this.holders.subarray(0, h).sort()
    // Runs of one slot are its shared-key count; keep the best `max` (insertion into a short list).
    let kept = 0
    for (let r = 0; r < h; ) {
      const slot = sorted[r]!
      let end = r + 1
      while (end < h && sorted[end] === slot) end++
      const n = end - r
      r = end
      if (kept === max && n <= shared[kept - 1]!) continue
      let at = kept < max ? kept++ : kept - 1
      while (at > 0 && shared[at - 1]! < n) {
        slots[at] = slots[at - 1]!
        shared[at] = shared[at - 1]!
        at--
      }
      slots[at] = slot
      shared[at] = n
    }
    return kept
  }

  private chainLength(head: number, limit: number): number {
    let n = 0
    for (let e = head; e !== END && n < limit; e = this.next[e]!) n++
    return n
  }
}
