/** One measured row of `pnpm bench`. Ratios compare against a baseline measured in the same run. */
export interface BenchResult {
  /** benchmark group, e.g. 'extract' */
  suite: string
  /** what was measured, e.g. 'html pages/s (copydesk)' */
  name: string
  value: number
  unit: string
  /** the baseline measured in the same run, when the target is a ratio */
  baseline?: { name: string; value: number }
  /** value / baseline.value */
  ratio?: number
  /** the target, as a ratio or an absolute value in `unit` */
  target?: { ratio?: number; value?: number; atMost?: boolean }
  notes?: string
}

/** A benchmark module under bench/ exports `run` returning its rows. */
export type BenchModule = { run: (opts: { quick: boolean }) => Promise<BenchResult[]> }
