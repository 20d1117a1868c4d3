import { z } from 'zod'
import { eventSchemas } from './events.ts'
import { topicDefinitions } from './topics.ts'

/** JSON Schema (draft 2020-12) of every event, by file name, for producers in other languages. */
export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, schema] of Object.entries(eventSchemas)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' })
    const doc = { $id: `https://copydesk.dev/schemas/${name}.v1.json`, title: name, ...json }
    out[`${name}.v1.json`] = `${JSON.stringify(doc, null, 2)}\n`
  }
  return out
}

/** The topic definitions as JSON (infra/topics/topics.json), for tools outside TypeScript. */
export function renderTopicDefinitions(): string {
  return `${JSON.stringify({ topics: topicDefinitions }, null, 2)}\n`
}
