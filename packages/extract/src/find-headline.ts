import { type ClassifiedLine, LineKind } from './classify-lines.ts'

const MAX_ANCHORS = 5

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Lines that repeat the page title (the dump's first line, the HTML `<title>`, minus its
 * ' - Site' part): where the headline stands, the body follows.
 */
export function findHeadlineLines(lines: readonly ClassifiedLine[]): number[] {
  const first = lines.findIndex((l) => l.kind !== LineKind.blank)
  if (first < 0) return []
  const pageTitle = normalize(lines[first]!.text)
  const parts = lines[first]!.text.split(/\s+[-|–—:»«]\s+|\s+::\s+/).map(normalize)
  const main = parts.reduce((a, b) => (b.length > a.length ? b : a), '')
  if (main.length < 10) return []
  const out: number[] = []
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.kind === LineKind.blank || line.words < 2 || line.words > 40) continue
    const text = normalize(line.text)
    if (
      text.length >= 10 &&
      (text === main ||
        text.startsWith(main) ||
        (pageTitle.startsWith(text) && text.length >= main.length * 0.6))
    ) {
      out.push(i)
      // A headline appears a few times (title, breadcrumb, heading); more is a repeated line, and each try costs a scan.
      if (out.length >= MAX_ANCHORS) break
    }
  }
  return out
}
