import { CopydeskError } from '@copydesk/contracts'
import { z } from 'zod'
import { extractArticle } from './extract-article.ts'
import type { ExtractOptions } from './options.ts'

/** One input line of `copydesk extract --jsonl`. */
export const ExtractJsonlInput = z.object({
  id: z.union([z.string(), z.number()]),
  url: z.string().optional(),
  contentType: z.string().min(1),
  body: z.string(),
})
export type ExtractJsonlInput = z.infer<typeof ExtractJsonlInput>

/** One output line of `copydesk extract --jsonl`: body is the paragraphs joined by blank lines. */
export interface ExtractJsonlOutput {
  id: string | number
  title: string
  body: string
  byline: string[]
  publishedAt: string | null
  section: string | null
  language: string | null
  wireAgency: string | null
}

/** Builds the handler of `copydesk extract --jsonl`: one parsed JSON line in, one output object out. */
export function createJsonlHandler(options?: ExtractOptions): (row: unknown) => ExtractJsonlOutput {
  return (row) => {
    const parsed = ExtractJsonlInput.safeParse(row)
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      throw new CopydeskError('ERR_SCHEMA', `invalid extract input: ${fields.join('; ')}`, { fields })
    }
    const { id, url, contentType, body } = parsed.data
    const article = extractArticle({ body, contentType, url }, options)
    return {
      id,
      title: article.title,
      body: article.paragraphs.join('\n\n'),
      byline: article.byline,
      publishedAt: article.publishedAt,
      section: article.section,
      language: article.language,
      wireAgency: article.wireAgency,
    }
  }
}
