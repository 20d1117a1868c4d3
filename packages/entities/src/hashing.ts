export { hashWord as hashFeature } from '@copydesk/word-clusters'

/** Mixes two 32-bit values into one feature hash (integer only: no strings on the hot path). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x9e3779b1)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}
