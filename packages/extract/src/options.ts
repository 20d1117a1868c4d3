import { z } from 'zod'

/** Limits and budgets of one extraction; the defaults bound a page's work to well under a second. */
export const ExtractOptions = z.object({
  /** pages larger than this many bytes (UTF-8) are rejected with ERR_PAGE_TOO_LARGE */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** elements nested deeper than this are flattened into their ancestor at this depth */
  maxDepth: z.number().int().positive().max(1000).default(200),
  /** elements beyond this count are parsed as text only */
  maxElements: z.number().int().positive().default(100_000),
  /** time budget of one page in ms; checked between parser chunks and between phases */
  timeoutMs: z.number().positive().default(3000),
})
export type ExtractOptions = z.input<typeof ExtractOptions>
export type ResolvedExtractOptions = z.output<typeof ExtractOptions>

/** Resolves options with their defaults. */
export function resolveOptions(options: ExtractOptions = {}): ResolvedExtractOptions {
  return ExtractOptions.parse(options)
}
