/** Share of lines that must sit just under one width for a dump to count as hard-wrapped. */
const WRAPPED_SHARE = 0.4
const MIN_WIDTH = 40
const MAX_WIDTH = 200

/** The width a dump was wrapped at, or null when its lines are not hard-wrapped. */
function findWrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((l) => l.trimEnd().length).filter((n) => n > 0)
  if (lengths.length < 10) return null
  const sorted = [...lengths].sort((a, b) => a - b)
  const width = sorted[Math.floor(sorted.length * 0.9)]!
  if (width < MIN_WIDTH || width > MAX_WIDTH) return null
  const near = lengths.filter((n) => n >= width * 0.8 && n <= width).length
  return near / lengths.length >= WRAPPED_SHARE ? width : null
}

/**
 * Joins the lines of a hard-wrapped dump (a terminal browser's, wrapped at ~80 columns) back
 * into paragraphs, so that line classification sees sentences rather than fragments. A line
 * that reaches the wrap width continues on the next non-blank line. Dumps that are not wrapped
 * come back unchanged.
 */
export function unwrapLines(lines: readonly string[]): string[] {
  const width = findWrapWidth(lines)
  if (width === null) return [...lines]
  const out: string[] = []
  let current = ''
  for (const line of lines) {
    const text = line.trim()
    if (!text) {
      if (current) out.push(current)
      current = ''
      out.push('')
      continue
    }
    current = current ? `${current} ${text}` : text
    // Wrapped prose has single spaces; a line laid out with runs of spaces is a line of its own.
    if (line.trimEnd().length < width * 0.75 || /\S\s{3,}\S/.test(text)) {
      out.push(current)
      current = ''
    }
  }
  if (current) out.push(current)
  return out
}
