/**
 * A faithful port of the article-extraction-benchmark's `evaluate.py` metric: token 4-gram
 * shingles over Python `\w+` tokens, per-page tp/fp/fn normalised to sum 1, precision and recall
 * macro-averaged over pages, F1 = harmonic mean of the two averages.
 */

/** Python's `\w` on str: letters, numbers and underscore (str.isalnum() or '_'). */
const TOKEN_RE = /[\p{L}\p{N}_]+/gu

export type TpFpFn = readonly [tp: number, fp: number, fn: number]

/** Splits text into `\w+` tokens the way evaluate.py's `_tokenize` does. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? []
}

function countShingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text)
  const counts = new Map<string, number>()
  // evaluate.py: range(0, max(1, len - n + 1)), and an empty tuple is skipped.
  const end = Math.max(1, tokens.length - n + 1)
  for (let i = 0; i < end; i++) {
    const shingle = tokens.slice(i, i + n)
    if (shingle.length === 0) continue
    const key = shingle.join('\u0000')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Normalised tp/fp/fn of predicted against true text (`string_shingle_matching`). */
export function matchShingles(truth: string, pred: string, n = 4): TpFpFn {
  const t = countShingles(truth, n)
  const p = countShingles(pred, n)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0
    const pc = p.get(key) ?? 0
    tp += Math.min(tc, pc)
    fp += Math.max(0, pc - tc)
    fn += Math.max(0, tc - pc)
  }
  const s = tp + fp + fn
  return s > 0 ? [tp / s, fp / s, fn / s] : [tp, fp, fn]
}

/** Precision of one page (`precision_score`). */
export function scorePrecision([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fp === 0) return 0
  return tp / (tp + fp)
}

/** Recall of one page (`recall_score`). */
export function scoreRecall([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fn === 0) return 0
  return tp / (tp + fn)
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

/** Macro-averaged precision and recall, and F1 of the averages (`metrics_from_tp_fp_fns`). */
export function computeMetrics(pages: TpFpFn[]): { f1: number; precision: number; recall: number } {
  const precision = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(scorePrecision))
  const recall = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(scoreRecall))
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall }
}
