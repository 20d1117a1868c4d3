import { CopydeskError } from '@copydesk/contracts'
import { TagOptions, TopicsInput } from './options.ts'
import { tagTopics } from './tag-topics.ts'
import { loadTopicModel } from './topic-model.ts'
import type { TopicScore } from './types.ts'

/** One output line of `copydesk topics --jsonl`. */
export interface TopicsOutput {
  id: string
  topics: TopicScore[]
}

/** Options of the offline handler: tagging thresholds and an optional model file. */
export type TopicsJsonlOptions = TagOptions & { modelPath?: string }

/**
 * The offline `copydesk topics --jsonl` step: `{"id","text","title"?}` in,
 * `{"id","topics":[{"code","label","score"}]}` out, topics sorted by score. Loads the model once.
 */
export function createJsonlHandler(options: TopicsJsonlOptions = {}): (row: unknown) => TopicsOutput {
  const { modelPath, ...tagOptions } = options
  const resolved = TagOptions.parse(tagOptions)
  const model = loadTopicModel(modelPath)
  return (row) => {
    const parsed = TopicsInput.safeParse(row)
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(row)')
      throw new CopydeskError('ERR_SCHEMA', `topics input: invalid ${[...new Set(fields)].join(', ')}`, {
        fields,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      })
    }
    const { id, text, title } = parsed.data
    return { id, topics: tagTopics({ text, title: title ?? undefined }, resolved, model) }
  }
}
