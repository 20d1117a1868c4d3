import { CopydeskError } from '@copydesk/contracts'
import { type ClassifiedLine, classifyLines, findBodyRun, LineKind } from './classify-lines.ts'
import { readTextMetadata } from './text-metadata.ts'
import type { PageMetadata } from './types.ts'

/** Lines of a text dump beyond this are not read: no article is that long, and it bounds the work. */
const MAX_LINES = 50_000

/**
 * Extracts the article of a whole-page text dump: lines are classified, the best-scoring run of
 * article lines is the body, and the title and metadata come from the lines just above it.
 */
export function extractText(text: string, deadline: number): { paragraphs: string[]; metadata: PageMetadata } {
  const lines = classifyLines(text.split(/\r?\n|\r/, MAX_LINES))
  if (performance.now() > deadline) {
    throw new CopydeskError('ERR_EXTRACT_TIMEOUT', 'text-dump classification exceeded the time budget')
  }
  const [start, end] = findBodyRun(lines)
  const body: ClassifiedLine[] = lines.slice(start, end)
  const paragraphs = body
    .filter((l) => l.kind === LineKind.text || l.kind === LineKind.short)
    .map((l) => l.text)
  const metadata = readTextMetadata(lines, start)
  return { paragraphs, metadata }
}
