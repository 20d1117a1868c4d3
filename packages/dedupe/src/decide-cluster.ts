import { estimateOverlap } from './estimate-overlap.ts'
import type { DedupeOptions } from './options.ts'
import type { DuplicateKind, Fingerprint, StoreSnapshot } from './types.ts'

/** Where an article goes: the member it joins (or null for a new cluster), how, and how close. */
export interface ClusterDecision {
  joinArticleId: string | null
  kind: DuplicateKind
  similarity: number
  /** the article is made of parts of several stories (a digest) */
  composite: boolean
}

type DecideOptions = Pick<DedupeOptions, 'nearThreshold' | 'minSharedHashes'>

// Both ways above this: the two are copies of one story with cuts, whatever else is around.
const MUTUAL = 0.6
// A new article this much inside one stored article is a copy or a brief of it, not a digest.
const EXPLAINED = 0.6
// Lead keys of a stored article found in the new one that make it a part of the new one.
const LEAD_PART = 2

/**
 * Decides the cluster of a new article from the candidates a store returned: an exact copy joins
 * its twin; otherwise the candidate with the highest overlap joins when it passes the thresholds.
 * An article holding parts (leads, briefs) of several clusters and no mutual copy of any is a
 * composite (a digest of briefs): it joins none and is flagged, and a flagged article is never
 * joined, so one digest cannot chain stories together.
 */
export function decideCluster(
  fp: Fingerprint,
  snapshot: StoreSnapshot,
  options: DecideOptions,
): ClusterDecision {
  if (snapshot.exact !== null) {
    return { joinArticleId: snapshot.exact.articleId, kind: 'exact', similarity: 1, composite: false }
  }
  let best: { articleId: string; overlap: number } | null = null
  const partClusters = new Set<string>()
  let mutual = false
  let explained = 0
  for (const c of snapshot.candidates) {
    const est = estimateOverlap(fp.shingles, c.sketch, c.sketchMax, c.size, fp.queryKeys.length)
    const leadHits = countContained(fp.shingles, fp.queryKeys.length, c.leadKeys)
    const enough = est.shared >= options.minSharedHashes || est.shared === c.sketch.length
    if (c.composite) continue
    if (enough && Math.min(est.storedInNew, est.newInStored) >= MUTUAL) mutual = true
    if (enough && est.newInStoredLow > explained) explained = est.newInStoredLow
    if (
      (c.leadKeys.length > 0 && leadHits >= Math.min(LEAD_PART, c.leadKeys.length)) ||
      (enough && est.storedInNew >= options.nearThreshold)
    ) {
      partClusters.add(c.clusterId)
    }
    if (!enough || est.overlap < options.nearThreshold) continue
    if (
      best === null ||
      est.overlap > best.overlap ||
      (est.overlap === best.overlap && c.articleId < best.articleId)
    ) {
      best = { articleId: c.articleId, overlap: est.overlap }
    }
  }
  const composite = !mutual && explained < EXPLAINED && partClusters.size >= 2
  if (best === null || composite) return { joinArticleId: null, kind: 'unique', similarity: 0, composite }
  return { joinArticleId: best.articleId, kind: 'near', similarity: best.overlap, composite: false }
}

/** How many of `keys` are in `values` (the first `sorted` ascending, the rest above them all). */
function countContained(values: Uint32Array, sorted: number, keys: Uint32Array): number {
  let n = 0
  const top = sorted === 0 ? -1 : values[sorted - 1]!
  for (const key of keys) {
    if (key > top) {
      // Lead keys are sampled hashes, so this is only reached under other sampling options.
      if (values.indexOf(key, sorted) >= 0) n++
      continue
    }
    let lo = 0
    let hi = sorted - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const v = values[mid]!
      if (v === key) {
        n++
        break
      }
      if (v < key) lo = mid + 1
      else hi = mid - 1
    }
  }
  return n
}
