/**
 * FNV-1a, 32 bit: cheap and good enough to spread feature strings over the weight table. Hashes
 * `s.slice(start, end)` without making the slice.
 */
export function hashFeature(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Mixes two 32-bit values into one feature hash (integer only: no strings on the hot path). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x9e3779b1)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}
