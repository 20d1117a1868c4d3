import { type ClassifiedLine, LineKind } from './classify-lines.ts'
import { guessLanguage } from './guess-language.ts'
import { normalizeDate } from './normalize-date.ts'
import { parseByline } from './parse-byline.ts'
import type { PageMetadata } from './types.ts'

/** How far above the body the headline and its byline and date lines are looked for. */
const HEADER_LINES = 12
const NAME_WORD = "[\\p{Lu}](?:\\.|[\\p{Ll}'’-][\\p{L}'’-]*)"
const BY = new RegExp(
  // Case matters for the names, so only 'by' is matched in any case.
  `\\b[Bb][Yy]\\s*:?\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}(?:\\s+(?:and|&)\\s+${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})?)`,
  'u',
)
const DATE_WORDS = /\b(?:posted|published|updated|on|am|pm|\d{4})\b/i

function headerLines(lines: readonly ClassifiedLine[], start: number): number[] {
  const out: number[] = []
  for (let i = start - 1; i >= 0 && out.length < HEADER_LINES; i--)
    if (lines[i]!.kind !== LineKind.blank) out.push(i)
  return out
}

function looksLikeHeadline(line: ClassifiedLine): boolean {
  return (
    line.kind !== LineKind.boilerplate &&
    line.words >= 3 &&
    line.words <= 30 &&
    !BY.test(line.text) &&
    normalizeDate(line.text) === null &&
    !/[,;]$/.test(line.text)
  )
}

/** The headline: the line above the body that the page title starts with, else the nearest headline-like one. */
function findTitle(lines: readonly ClassifiedLine[], header: number[]): number | null {
  const pageTitle = lines.find((l) => l.kind !== LineKind.blank)?.text.toLowerCase() ?? ''
  const candidates = header.filter((i) => looksLikeHeadline(lines[i]!))
  const matching = candidates.find((i) => i !== 0 && pageTitle.startsWith(lines[i]!.text.toLowerCase()))
  return matching ?? candidates[0] ?? null
}

function findSection(line: string): string | null {
  const parts = line.split(/\s*[•|·]\s*/)
  if (parts.length < 2) return null
  for (const part of parts) {
    const cleaned = part.replace(/\bby\b.*$/i, '').trim()
    if (/^[\p{Lu}][\p{L}&-]*(?: [\p{L}&-]+){0,2}$/u.test(cleaned) && !DATE_WORDS.test(cleaned)) return cleaned
  }
  return null
}

/** Title, byline, date and section of a text dump, read from the lines around the body's start. */
export function readTextMetadata(
  lines: readonly ClassifiedLine[],
  start: number,
  headline: number | null = null,
): PageMetadata {
  const header = headerLines(lines, start)
  const titleAt = headline ?? findTitle(lines, header)
  // Metadata lines sit between the headline and the body.
  const meta = header.filter((i) => titleAt === null || i > titleAt).reverse()
  let byline: string[] = []
  let publishedAt: string | null = null
  let section: string | null = null
  for (const i of meta) {
    const text = lines[i]!.text
    if (byline.length === 0) {
      const by = BY.exec(text)?.[1]
      byline = by ? parseByline(by) : lines[i]!.words <= 8 && /,/.test(text) ? parseByline(text) : []
    }
    publishedAt ??= normalizeDate(text)
    section ??= findSection(text)
  }
  const body = lines
    .slice(start, start + 200)
    .map((l) => l.text)
    .join(' ')
  return {
    title: titleAt === null ? null : lines[titleAt]!.text,
    byline,
    publishedAt,
    section,
    language: guessLanguage(body),
    canonicalUrl: null,
    wireAgency: null,
  }
}
