/**
 * FNV-1a, 32 bit, of `s.slice(start, end)` without making the slice: the key a word's clusters
 * are stored under (of its lowercase form), and the entity tagger's feature hash.
 */
export function hashWord(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}
