/** FIFO of slot numbers in arrival order (a growable ring), so the oldest article leaves first. */
export class SlotQueue {
  private ring = new Uint32Array(1024)
  private head = 0
  private len = 0

  get length(): number {
    return this.len
  }

  get byteLength(): number {
    return this.ring.byteLength
  }

  push(slot: number): void {
    if (this.len === this.ring.length) {
      const next = new Uint32Array(this.ring.length * 2)
      for (let i = 0; i < this.len; i++) next[i] = this.ring[(this.head + i) % this.ring.length]!
      this.ring = next
      this.head = 0
    }
    this.ring[(this.head + this.len) % this.ring.length] = slot
    this.len++
  }

  /** The oldest slot; the queue must not be empty. */
  peek(): number {
    return this.ring[this.head]!
  }

  /** Removes and returns the oldest slot; the queue must not be empty. */
  shift(): number {
    const slot = this.ring[this.head]!
    this.head = (this.head + 1) % this.ring.length
    this.len--
    return slot
  }
}
