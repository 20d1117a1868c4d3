import { CopydeskError } from '@copydesk/contracts'
import { type ClassifiedLine, classifyLines, findAnchoredRun, findBodyRun, LineKind } from './classify-lines.ts'
import { findHeadlineLines } from './find-headline.ts'
import { readTextMetadata } from './text-metadata.ts'
import type { PageMetadata } from './types.ts'

/** Lines of a text dump beyond this are not read: no article is that long, and it bounds the work. */
const MAX_LINES = 50_000

/** Runs shorter than this after a headline are not trusted over the page's best run. */
const MIN_ANCHORED_WORDS = 40

/**
 * The body: the best run below a line repeating the page title when there is one (a list of
 * teasers can outweigh a short article), else the best run of the page.
 */
function pickBodyRun(lines: ClassifiedLine[]): [number, number] {
  let best: { range: [number, number]; sum: number } | null = null
  for (const anchor of findHeadlineLines(lines)) {
    const run = findAnchoredRun(lines, anchor)
    if (run.sum >= MIN_ANCHORED_WORDS && (!best || run.sum > best.sum)) best = run
  }
  return best?.range ?? findBodyRun(lines)
}

/**
 * Extracts the article of a whole-page text dump: lines are classified, the best-scoring run of
 * article lines is the body, and the title and metadata come from the lines just above it.
 */
export function extractText(text: string, deadline: number): { paragraphs: string[]; metadata: PageMetadata } {
  const lines = classifyLines(text.split(/\r?\n|\r/, MAX_LINES))
  if (performance.now() > deadline) {
    throw new CopydeskError('ERR_EXTRACT_TIMEOUT', 'text-dump classification exceeded the time budget')
  }
  const [start, end] = pickBodyRun(lines)
  const body: ClassifiedLine[] = lines.slice(start, end)
  const paragraphs = body
    .filter((l) => l.kind === LineKind.text || l.kind === LineKind.short)
    .map((l) => l.text)
  const metadata = readTextMetadata(lines, start)
  return { paragraphs, metadata }
}
