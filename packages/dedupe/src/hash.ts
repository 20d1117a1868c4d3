/** Finalises a 32-bit hash (murmur3 fmix32) so that low and high bits are equally mixed. */
export function mixHash32(h: number): number {
  let x = h >>> 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** Hashes a string range to 32 bits (FNV-1a over UTF-16 code units, then mixed). */
export function hashString32(s: string, start = 0, end = s.length, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mixHash32(h)
}

/** Hashes a string to 64 bits as 16 hex digits (two independent 32-bit lanes). */
export function hashString64Hex(s: string): string {
  const a = hashString32(s, 0, s.length, 0x811c9dc5)
  const b = hashString32(s, 0, s.length, 0x3b9aca07)
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

/** Combines a running 32-bit hash with the next value (order-sensitive). */
export function combineHash32(h: number, v: number): number {
  return (Math.imul(((h << 5) | (h >>> 27)) ^ v, 0x9e3779b1) + 0x7f4a7c15) >>> 0
}
