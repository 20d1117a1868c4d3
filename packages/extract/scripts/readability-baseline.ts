/** The baseline of `bench/extract.ts`: Readability.js 0.6.0 over a linkedom DOM, as most Node users run it. */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'

/** Extracts one page's text with @mozilla/readability + linkedom; '' when Readability finds nothing. */
export function extractWithReadability(html: string): string {
  const { document } = parseHTML(html)
  // biome-ignore lint/suspicious/noExplicitAny: linkedom's Document is structurally, not nominally, a DOM Document
  const article = new Readability(document as any).parse()
  return article?.textContent ?? ''
}
