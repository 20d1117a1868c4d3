import { type Logger, pino } from 'pino'

/** Paths pino blanks out: credentials must never reach a log line, even inside a logged config. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'KAFKA_SASL_PASSWORD',
  '*.KAFKA_SASL_PASSWORD',
  'sasl',
  '*.sasl',
  'secretAccessKey',
  '*.secretAccessKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
]

/** The one root logger of a process: JSON lines to stdout (or `destination`), secrets redacted. */
export function createLogger(
  options: { level?: string; name?: string; base?: Record<string, unknown> } = {},
  destination?: NodeJS.WritableStream,
): Logger {
  const settings = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { ...(options.name ? { name: options.name } : {}), pid: process.pid, ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
  }
  return destination ? pino(settings, destination) : pino(settings)
}
