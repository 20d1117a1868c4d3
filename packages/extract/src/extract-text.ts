import { CopydeskError } from '@copydesk/contracts'
import {
  type ClassifiedLine,
  classifyLines,
  findAnchoredRun,
  findBodyRun,
  LineKind,
  penalizeGaps,
  WALL_SCORE,
} from './classify-lines.ts'
import { findHeadlineLines } from './find-headline.ts'
import { readTextMetadata } from './text-metadata.ts'
import { trimParagraphs } from './trim-paragraphs.ts'
import type { PageMetadata } from './types.ts'
import { unwrapLines } from './unwrap-lines.ts'
import { isCreditLine, REPORTING_BY } from './wire-agency.ts'

/** Lines of a text dump beyond this are not read: no article is that long, and it bounds the work. */
const MAX_LINES = 50_000

/** Runs shorter than this after a headline are not trusted over the page's best run. */
const MIN_ANCHORED_WORDS = 40

/**
 * The body: the best run below a line repeating the page title when there is one (a list of
 * teasers can outweigh a short article), else the best run of the page.
 */
function pickBodyRun(lines: ClassifiedLine[]): { range: [number, number]; headline: number | null } {
  let best: { range: [number, number]; sum: number; headline: number } | null = null
  for (const anchor of findHeadlineLines(lines)) {
    const run = findAnchoredRun(lines, anchor)
    if (run.sum >= MIN_ANCHORED_WORDS && (!best || run.sum > best.sum)) best = { ...run, headline: anchor }
  }
  if (best) return { range: best.range, headline: best.headline }
  return { range: pickUnanchoredRun(lines), headline: null }
}

function pickUnanchoredRun(lines: ClassifiedLine[]): [number, number] {
  const whole = findBodyRun(lines)
  // Comments follow the article: when an article stands before the first comment marker, it is the body.
  const wall = lines.findIndex((l) => l.score <= WALL_SCORE)
  if (wall > 0 && wall < whole[0]) {
    const before = findBodyRun(lines.slice(0, wall))
    // A 'Comments' link in the page header is no comment thread: the text before it must be substantial.
    if (sumScores(lines, before) >= Math.max(MIN_ANCHORED_WORDS, sumScores(lines, whole) * 0.2)) return before
  }
  return whole
}

/** Takes in the credit lines right below the body ('AFP', '(Reporting by …)'), too short to score. */
function extendOverCredits(lines: ClassifiedLine[], end: number): number {
  let i = end
  let taken = end
  for (let seen = 0; i < lines.length && seen < 3; i++) {
    const line = lines[i]!
    if (line.kind === LineKind.blank) continue
    seen++
    if (!isCreditLine(line.text) && !REPORTING_BY.test(line.text)) break
    taken = i + 1
  }
  return taken
}

function sumScores(lines: ClassifiedLine[], [start, end]: [number, number]): number {
  let sum = 0
  for (let i = start; i < end; i++) sum += lines[i]!.score
  return sum
}

/**
 * Extracts the article of a whole-page text dump: lines are classified, the best-scoring run of
 * article lines is the body, and the title and metadata come from the lines just above it.
 */
export function extractText(
  text: string,
  deadline: number,
): { paragraphs: string[]; metadata: PageMetadata; trailer: string[] } {
  const lines = penalizeGaps(classifyLines(unwrapLines(text.split(/\r?\n|\r/, MAX_LINES))))
  if (performance.now() > deadline) {
    throw new CopydeskError('ERR_EXTRACT_TIMEOUT', 'text-dump classification exceeded the time budget')
  }
  const {
    range: [start, runEnd],
    headline,
  } = pickBodyRun(lines)
  const end = extendOverCredits(lines, runEnd)
  const body: ClassifiedLine[] = lines.slice(start, end)
  const paragraphs = body
    .filter((l) => l.kind === LineKind.text || l.kind === LineKind.short)
    .map((l) => l.text)
  const metadata = readTextMetadata(lines, start, headline)
  // The byline or dateline sentence can open the run ('By X on Monday, …'): not body text.
  const kept = trimParagraphs(
    paragraphs.map((text) => ({ text, linkShare: 0 })),
    metadata.title,
    metadata.byline,
  )
  const trailer = lines
    .slice(end, end + 12)
    .filter((l) => l.kind !== LineKind.blank)
    .slice(0, 3)
    .map((l) => l.text)
  return { paragraphs: kept, metadata, trailer }
}
