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

  constructor(
    private readonly perSlot: number,
    slots: number,
  ) {
    this.next = new Uint32Array(slots * perSlot).fill(UNLINKED)
    this.keyOf = new Uint32Array(slots * perSlot)
    this.count = new Uint8Array(slots)
  }

  /** bytes of the typed arrays */
  get byteLength(): number {
    return this.heads.byteLength + this.next.byteLength + this.keyOf.byteLength + this.count.byteLength
  }

  /** Makes room for slot numbers below `slots`. */
  resize(slots: number): void {
    this.next = growTyped(this.next, slots * this.perSlot, UNLINKED)
    this.keyOf = growTyped(this.keyOf, slots * this.perSlot)
    this.count = growTyped(this.count, slots)
  }

  /** Adds the keys of `slot`; a key already shared by more than `cap` articles is not extended. */
  insert(slot: number, keys: ArrayLike<number>, cap: number): void {
    const n = Math.min(keys.length, this.perSlot)
    this.count[slot] = n
    for (let j = 0; j < n; j++) {
      const key = keys[j]!
      const e = slot * this.perSlot + j
      this.keyOf[e] = key
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
  }

  /** Counts into `hits` every article holding one of `keys` (see `countHolders`). */
  countHoldersOfAll(keys: Uint32Array, cap: number, hits: Map<number, number>): void {
    this.heads.touch(keys)
    for (let i = 0; i < keys.length; i++) this.countHolders(keys[i]!, cap, hits)
  }

  /** Counts into `hits` (slot -> shared keys) every article holding `key`, unless more than `cap` do. */
  countHolders(key: number, cap: number, hits: Map<number, number>): void {
    const head = this.heads.first(key)
    if (head === -1 || this.chainLength(head, cap + 1) > cap) return
    for (let e = head; e !== END; e = this.next[e]!) {
      const slot = Math.floor(e / this.perSlot)
      hits.set(slot, (hits.get(slot) ?? 0) + 1)
    }
  }

  private chainLength(head: number, limit: number): number {
    let n = 0
    for (let e = head; e !== END && n < limit; e = this.next[e]!) n++
    return n
  }
}
