import { z } from 'zod'

/** Options of `extractEntities`. */
export const ExtractEntitiesOptions = z.object({
  /** the article's title: entities it names gain salience */
  title: z.string().optional(),
})
export type ExtractEntitiesOptions = z.infer<typeof ExtractEntitiesOptions>

/** One input line of `copydesk entities --jsonl`. */
export const EntitiesJsonlRow = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  title: z.string().optional(),
})
export type EntitiesJsonlRow = z.infer<typeof EntitiesJsonlRow>
