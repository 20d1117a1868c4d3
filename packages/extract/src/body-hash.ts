import { createHash } from 'node:crypto'

/**
 * Normalises a body for exact dedupe: Unicode NFKC, lower case, quotes and dashes unified,
 * whitespace collapsed, so the same story re-encoded or re-spaced hashes the same.
 */
export function normalizeBody(paragraphs: readonly string[]): string {
  return paragraphs
    .join('\n')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim()
}

/** sha256 (hex) of the normalised body. */
export function hashBody(paragraphs: readonly string[]): string {
  return createHash('sha256').update(normalizeBody(paragraphs)).digest('hex')
}
