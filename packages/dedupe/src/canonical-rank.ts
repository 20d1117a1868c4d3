import type { CanonicalRank } from './types.ts'

/**
 * Is `a` a better canonical article than `b`? The agency's own original first, then the earliest,
 * then the most complete copy; on a full tie the first one committed stays, so a canonical only
 * changes for a reason.
 */
export function isBetterCanonical(a: CanonicalRank, b: CanonicalRank): boolean {
  if (a.agencyOriginal !== b.agencyOriginal) return a.agencyOriginal
  if (a.ts !== b.ts) return a.ts < b.ts
  return a.size > b.size
}
