import { CopydeskError } from '@copydesk/contracts'
import { extractEntities } from './extract-entities.ts'
import { EntitiesJsonlRow } from './options.ts'
import type { EntityType } from './types.ts'

/** One output line of `copydesk entities --jsonl`: one row per mention. */
export interface EntitiesJsonlOutput {
  id: string | number
  entities: { type: EntityType; name: string; id: string; start: number; end: number; text: string }[]
}

/** Builds the `copydesk entities --jsonl` handler: `{"id","text"}` in, mentions out. */
export function createJsonlHandler(
  _options: Record<string, never> = {},
): (row: unknown) => EntitiesJsonlOutput {
  return (row) => {
    const parsed = EntitiesJsonlRow.safeParse(row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || '(row)'
      throw new CopydeskError(
        'ERR_SCHEMA',
        `entities input: field ${field}: ${issue?.message ?? 'invalid'}`,
        { field },
      )
    }
    const { id, text, title } = parsed.data
    const { mentions } = extractEntities(text, title === undefined ? {} : { title })
    return {
      id,
      entities: mentions.map((m) => ({
        type: m.type,
        name: m.name,
        id: m.id,
        start: m.start,
        end: m.end,
        text: m.text,
      })),
    }
  }
}
