import { estimateOverlap } from './estimate-overlap.ts'
import type { DedupeOptions } from './options.ts'
import type { DuplicateKind, Fingerprint, StoreSnapshot } from './types.ts'

/** Where an article goes: the member it joins (or null for a new cluster), how, and how close. */
export interface ClusterDecision {
  joinArticleId: string | null
  kind: DuplicateKind
  similarity: number
}

type DecideOptions = Pick<DedupeOptions, 'nearThreshold' | 'minSharedHashes'>

// A stored article counts as a part of the new one when most of it is found in the new one while
// it explains less than this share of the new one. Parts from two clusters make a composite.
const PART_OF_NEW = 0.5

/**
 * Decides the cluster of a new article from the candidates a store returned: an exact copy joins
 * its twin; otherwise the candidate with the highest overlap joins when it passes the thresholds.
 * An article made of parts of several clusters (a digest of briefs) joins none of them, so one
 * digest cannot chain unrelated stories together.
 */
export function decideCluster(
  fp: Fingerprint,
  snapshot: StoreSnapshot,
  options: DecideOptions,
): ClusterDecision {
  if (snapshot.exact !== null)
    return { joinArticleId: snapshot.exact.articleId, kind: 'exact', similarity: 1 }
  let best: { articleId: string; overlap: number } | null = null
  const partClusters = new Set<string>()
  for (const c of snapshot.candidates) {
    const est = estimateOverlap(fp.shingles, c.sketch, c.size)
    if (est.shared < options.minSharedHashes && est.shared < c.sketch.length) continue
    if (est.overlap < options.nearThreshold) continue
    if (est.newInStored < PART_OF_NEW) partClusters.add(c.clusterId)
    if (
      best === null ||
      est.overlap > best.overlap ||
      (est.overlap === best.overlap && c.articleId < best.articleId)
    ) {
      best = { articleId: c.articleId, overlap: est.overlap }
    }
  }
  if (best === null || partClusters.size >= 2) return { joinArticleId: null, kind: 'unique', similarity: 0 }
  return { joinArticleId: best.articleId, kind: 'near', similarity: best.overlap }
}
