import type { PageMetadata } from './types.ts'

/** Placeholder until the text-dump classifier lands. */
export function extractText(text: string, _deadline: number): { paragraphs: string[]; metadata: PageMetadata } {
  const paragraphs = text.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  return { paragraphs, metadata: { title: null, byline: [], publishedAt: null, section: null, language: null, canonicalUrl: null, wireAgency: null } }
}
