import { createKafka } from '@copydesk/stream'
import type { Command } from 'commander'

export interface KafkaCliOptions {
  brokers?: string
}

/** Adds --brokers (default: $KAFKA_BROKERS) to a command that talks to Kafka. */
export function withBrokers(cmd: Command): Command {
  return cmd.option('-b, --brokers <list>', 'bootstrap brokers host:port,… (default: $KAFKA_BROKERS)')
}

/** A Kafka client for the CLI; SASL and TLS come from the same variables as the services'. */
export function connectKafka(opts: KafkaCliOptions): ReturnType<typeof createKafka> {
  const list = opts.brokers ?? process.env.KAFKA_BROKERS
  if (!list) {
    throw new Error(
      'no Kafka brokers: pass --brokers host:port or set KAFKA_BROKERS (the local stack: bash infra/local/up.sh)',
    )
  }
  const mechanism = process.env.KAFKA_SASL_MECHANISM as
    | 'plain'
    | 'scram-sha-256'
    | 'scram-sha-512'
    | undefined
  return createKafka({
    KAFKA_BROKERS: list
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    KAFKA_CLIENT_ID: 'copydesk-cli',
    KAFKA_SSL: ['1', 'true', 'yes'].includes(process.env.KAFKA_SSL ?? ''),
    ...(mechanism ? { KAFKA_SASL_MECHANISM: mechanism } : {}),
    ...(process.env.KAFKA_SASL_USERNAME ? { KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME } : {}),
    ...(process.env.KAFKA_SASL_PASSWORD ? { KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD } : {}),
  })
}

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
