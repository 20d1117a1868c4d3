import type { Admin } from 'kafkajs'

/** A topic to create if it does not exist. */
export interface TopicSpec {
  name: string
  partitions: number
  replicationFactor?: number
  /** Topic configs, e.g. { 'retention.ms': '604800000', 'cleanup.policy': 'delete' }. */
  configs?: Record<string, string>
}

/**
 * Creates the topics that do not exist yet and waits for their leaders; existing topics are left as
 * they are (a partition count is never changed behind an operator's back). Returns the names created.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics())
  const missing = specs.filter((s) => !existing.has(s.name))
  if (missing.length === 0) return []
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((s) => ({
      topic: s.name,
      numPartitions: s.partitions,
      replicationFactor: s.replicationFactor ?? -1,
      configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
    })),
  })
  return missing.map((s) => s.name)
}
