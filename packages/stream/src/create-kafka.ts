import { Kafka, type KafkaConfig, type LogEntry, logLevel } from 'kafkajs'
import type { Logger } from 'pino'
import type { StreamConfig } from './options.ts'

/** The Kafka connection settings createKafka needs (a subset of StreamConfig). */
export type KafkaConnectionConfig = Pick<StreamConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_SSL'> &
  Partial<Pick<StreamConfig, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>>

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

/**
 * kafkajs logs a rebalance and a transaction that meets the previous one's markers as errors, and
 * warns about bounded producer retries; all are normal here (the runner rejoins, kafkajs retries
 * the concurrent transaction, and a failed transaction is aborted and retried as a whole).
 */
function quieter(message: string): 'info' | 'debug' | null {
  if (/rebalancing|rejoin/i.test(message)) return 'info'
  if (message.startsWith('Limiting retries for the idempotent producer')) return 'debug'
  if (message.includes('another concurrent operation on the same transaction')) return 'debug'
  return null
}

/** A kafkajs client from config; its own logs go to `log` (warnings and up) instead of the console. */
export function createKafka(config: KafkaConnectionConfig, log?: Logger): Kafka {
  const settings: KafkaConfig = {
    brokers: [...config.KAFKA_BROKERS],
    clientId: config.KAFKA_CLIENT_ID,
    ssl: config.KAFKA_SSL,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 10_000 },
    logLevel: log ? logLevel.WARN : logLevel.NOTHING,
  }
  if (log) {
    const kafkaLog = log.child({ component: 'kafkajs' })
    settings.logCreator = () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log
      kafkaLog[quieter(`${message} ${String(rest.error ?? '')}`) ?? levels[entry.level] ?? 'info'](
        { namespace: entry.namespace, ...rest },
        message,
      )
    }
  }
  const mechanism = config.KAFKA_SASL_MECHANISM
  if (mechanism && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD) {
    settings.sasl = {
      mechanism,
      username: config.KAFKA_SASL_USERNAME,
      password: config.KAFKA_SASL_PASSWORD,
    } as NonNullable<KafkaConfig['sasl']>
  }
  return new Kafka(settings)
}
