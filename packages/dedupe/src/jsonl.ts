import { CopydeskError } from '@copydesk/contracts'
import { createDeduper } from './deduper.ts'
import { MemoryStore } from './memory-store.ts'
import { DedupeJsonlRow, type DedupeOptionsInput, type StoreOptionsInput } from './options.ts'
import type { DuplicateKind } from './types.ts'

/** One output line of `copydesk dedupe --jsonl`. */
export interface DedupeJsonlOutput {
  id: string
  clusterId: string
  duplicateOf: string | null
  kind: DuplicateKind
  similarity: number
}

/**
 * Handler for `copydesk dedupe --jsonl`: stateful, it closes over one in-memory store, so rows
 * must come in arrival order and one at a time.
 */
export function createJsonlHandler(
  options: { dedupe?: DedupeOptionsInput; store?: StoreOptionsInput } = {},
): (row: unknown) => Promise<DedupeJsonlOutput> {
  const deduper = createDeduper(new MemoryStore(options.store), options.dedupe)
  // A row without a time takes the previous row's, so a replay of the same file gives the same
  // canonical choices and window as the first run (wall-clock time would not).
  let lastTs: string | number = 0
  return async (row) => {
    const parsed = DedupeJsonlRow.safeParse(row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || '(row)'
      throw new CopydeskError('ERR_SCHEMA', `dedupe input: ${field}: ${issue?.message ?? 'invalid'}`, {
        field,
      })
    }
    const { id, text, title, wireAgency } = parsed.data
    const ts = parsed.data.ts ?? lastTs
    lastTs = ts
    const result = await deduper.assign({
      articleId: id,
      text,
      ...(title === undefined ? {} : { title }),
      ts,
      ...(wireAgency === undefined ? {} : { wireAgency }),
    })
    return {
      id,
      clusterId: result.clusterId,
      duplicateOf: result.duplicateOf,
      kind: result.kind,
      similarity: result.similarity,
    }
  }
}
