import { createKafka, loadConfig, StreamConfigFields } from '@copydesk/stream'
import type { Command } from 'commander'

export interface KafkaCliOptions {
  brokers?: string
}

/** Adds --brokers (default: $KAFKA_BROKERS) to a command that talks to Kafka. */
export function withBrokers(cmd: Command): Command {
  return cmd.option('-b, --brokers <list>', 'bootstrap brokers host:port,… (default: $KAFKA_BROKERS)')
}

/** A Kafka client for the CLI; TLS and SASL come from the same variables as the services'. */
export function connectKafka(opts: KafkaCliOptions): ReturnType<typeof createKafka> {
  const brokers = opts.brokers ?? process.env.KAFKA_BROKERS
  if (!brokers) {
    throw new Error(
      'no Kafka brokers: pass --brokers host:port or set KAFKA_BROKERS (the local stack: bash infra/local/up.sh)',
    )
  }
  const config = loadConfig(KafkaCliConfig, {
    ...process.env,
    KAFKA_BROKERS: brokers,
    KAFKA_CLIENT_ID: 'copydesk-cli',
  })
  return createKafka(config)
}

const KafkaCliConfig = StreamConfigFields.pick({
  KAFKA_BROKERS: true,
  KAFKA_CLIENT_ID: true,
  KAFKA_SSL: true,
  KAFKA_SASL_MECHANISM: true,
  KAFKA_SASL_USERNAME: true,
  KAFKA_SASL_PASSWORD: true,
})

/** Parses "0,1,3" into partition numbers. */
export function parsePartitions(value: string): number[] {
  const out = value.split(',').map((p) => Number(p.trim()))
  if (out.some((p) => !Number.isInteger(p) || p < 0))
    throw new Error(`--partitions must be numbers like 0,1,3 (got ${value})`)
  return out
}

/** Parses a time: ISO 8601, epoch milliseconds, or a duration ago like 15m, 2h, 3d. */
export function parseTime(value: string): number {
  const ago = /^(\d+)(s|m|h|d)$/.exec(value)
  if (ago)
    return Date.now() - Number(ago[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 's']
  if (/^\d{12,}$/.test(value)) return Number(value)
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw new Error(`not a time: ${value} (use ISO 8601, epoch ms, or 15m/2h/3d ago)`)
  return t
}
