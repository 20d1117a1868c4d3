import { createDeduper, type DedupeOptionsInput, type DedupeStore, MemoryStore } from '@copydesk/dedupe'
import type { AssignCluster } from './ports.ts'

/** A cluster assigner over a dedupe store (in memory by default). */
export function createAssignCluster(
  store: DedupeStore = new MemoryStore(),
  options: DedupeOptionsInput = {},
): AssignCluster & { close: () => Promise<void> } {
  const deduper = createDeduper(store, options)
  const assign = (async (input) => {
    const result = await deduper.assign({
      articleId: input.articleId,
      text: input.text,
      title: input.title,
      ts: input.ts,
      ...(input.wireAgency ? { wireAgency: input.wireAgency } : {}),
      agencyOriginal: input.agencyOriginal ?? false,
    })
    return {
      clusterId: result.clusterId,
      duplicateOf: result.duplicateOf,
      kind: result.kind,
      similarity: result.similarity,
    }
  }) as AssignCluster & { close: () => Promise<void> }
  assign.close = () => store.close()
  return assign
}
