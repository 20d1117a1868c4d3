import { topicDefinitions } from '@copydesk/contracts'
import { ensureTopics } from '@copydesk/stream'
import type { Command } from 'commander'
import { connectKafka, type KafkaCliOptions, withBrokers } from '../kafka-connection.ts'

/** The topic definitions as ensureTopics takes them. */
export function topicSpecs(replicationFactor?: number, prefix = '') {
  return topicDefinitions.map((t) => ({
    name: `${prefix}${t.name}`,
    partitions: t.partitions,
    ...(replicationFactor ? { replicationFactor } : {}),
    configs: { 'retention.ms': String(t.retentionMs), 'cleanup.policy': t.cleanupPolicy },
  }))
}

/** `copydesk topics apply|list`: the pipeline's topics, created idempotently. */
export function registerTopicAdmin(topicsCmd: Command): void {
  withBrokers(topicsCmd.command('apply'))
    .description(
      'create every copydesk topic that does not exist yet (partitions, retention, compaction, dead letters); existing topics are left as they are',
    )
    .option(
      '--replication-factor <n>',
      'replication factor of new topics (default: the broker default)',
      (v) => Number(v),
    )
    .option('--prefix <prefix>', 'prefix of every topic name, as the services’ TOPIC_PREFIX', '')
    .addHelpText('after', '\nExample:\n  KAFKA_BROKERS=127.0.0.1:19092 copydesk topics apply')
    .action(async (opts: KafkaCliOptions & { replicationFactor?: number; prefix: string }) => {
      const kafka = connectKafka(opts)
      const admin = kafka.admin()
      await admin.connect()
      try {
        const specs = topicSpecs(opts.replicationFactor, opts.prefix)
        const created = await ensureTopics(admin, specs)
        const meta = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) })
        for (const spec of specs) {
          const have = meta.topics.find((t) => t.name === spec.name)?.partitions.length
          const state = created.includes(spec.name) ? 'created' : 'exists'
          const warn =
            have !== undefined && have !== spec.partitions
              ? ` (has ${have} partitions, definition says ${spec.partitions})`
              : ''
          process.stdout.write(`${state.padEnd(8)}${spec.name}${warn}\n`)
        }
      } finally {
        await admin.disconnect()
      }
    })
  topicsCmd
    .command('list')
    .description('print the topic definitions (no broker needed)')
    .action(() => {
      for (const t of topicDefinitions) {
        const retention = t.retentionMs < 0 ? 'forever' : `${Math.round(t.retentionMs / 86_400_000)}d`
        process.stdout.write(
          `${t.name.padEnd(26)} partitions=${t.partitions} retention=${retention} cleanup=${t.cleanupPolicy}  ${t.description}\n`,
        )
      }
    })
}
