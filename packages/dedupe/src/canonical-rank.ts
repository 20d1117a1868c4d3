import type { CanonicalRank } from './types.ts'

/**
 * Is `a` a better canonical article than `b`? The agency's own original first, then the earliest,
 * then the most complete copy, then the smaller id so that the choice never depends on timing.
 */
export function isBetterCanonical(a: CanonicalRank, b: CanonicalRank): boolean {
  if (a.agencyOriginal !== b.agencyOriginal) return a.agencyOriginal
  if (a.ts !== b.ts) return a.ts < b.ts
  if (a.size !== b.size) return a.size > b.size
  return a.articleId < b.articleId
}
