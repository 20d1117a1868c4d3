/**
 * Every error copydesk raises carries a code and a `retryable` flag. The stream runtime retries a
 * retryable error (the fault is outside the record: broker, S3, Redis, a timeout) and dead-letters
 * a non-retryable one (the record itself is bad), and it decides from the flag, never from text.
 */
export const ErrorCode = {
  /** Input bytes are not valid JSON (or not valid UTF-8 where JSON is expected). */
  ERR_INVALID_JSON: { retryable: false, meaning: 'the record value is not valid JSON' },
  /** Input parsed, but violates the event schema; the message lists every failing path. */
  ERR_SCHEMA: { retryable: false, meaning: 'the record does not match its event schema' },
  /** The page is empty, or has no text an article could be taken from. */
  ERR_EMPTY_PAGE: { retryable: false, meaning: 'the page has no content to extract' },
  /** The page is larger than the configured limit. */
  ERR_PAGE_TOO_LARGE: { retryable: false, meaning: 'the page exceeds the size limit' },
  /** The page is binary or otherwise not text. */
  ERR_NOT_TEXT: { retryable: false, meaning: 'the page is not text (binary content)' },
  /** Extraction did not finish within its time budget. */
  ERR_EXTRACT_TIMEOUT: { retryable: false, meaning: 'extraction exceeded its time budget' },
  /** Extraction found no article body. */
  ERR_NO_ARTICLE: { retryable: false, meaning: 'no article body could be found on the page' },
  /** A `bodyRef` could not be resolved because the URI is malformed or the object is missing. */
  ERR_BODY_REF: { retryable: false, meaning: 'the page body reference is invalid or missing' },
  /** The handler of a stage failed on this record for a reason of the record. */
  ERR_HANDLER: { retryable: false, meaning: 'the stage handler rejected the record' },
  /** Kafka is unreachable or returned a retriable error. */
  ERR_KAFKA: { retryable: true, meaning: 'the Kafka cluster is unavailable or failed transiently' },
  /** An S3 request failed transiently (network, 5xx, throttling). */
  ERR_S3: { retryable: true, meaning: 'the object store is unavailable or failed transiently' },
  /** Redis is unreachable or failed. */
  ERR_REDIS: { retryable: true, meaning: 'Redis is unavailable or failed transiently' },
  /** Any operation that timed out on an external system. */
  ERR_TIMEOUT: { retryable: true, meaning: 'an external call timed out' },
  /** Configuration is missing or invalid; the process stops. */
  ERR_CONFIG: { retryable: false, meaning: 'the configuration is missing or invalid' },
  /** An error that was not classified: treated as retryable so no record is dead-lettered by accident. */
  ERR_UNKNOWN: { retryable: true, meaning: 'an unclassified error' },
} as const satisfies Record<string, { retryable: boolean; meaning: string }>

export type ErrorCode = keyof typeof ErrorCode

export interface CopydeskErrorOptions {
  cause?: unknown
  /** Overrides the code's default retryability. */
  retryable?: boolean
  /** Context for logs and dead-letter headers; never the record body. */
  [key: string]: unknown
}

/** The one error class of copydesk: a code, a retryable flag and context. */
export class CopydeskError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: ErrorCode, message: string, options: CopydeskErrorOptions = {}) {
    const { cause, retryable, ...details } = options
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'CopydeskError'
    this.code = code
    this.retryable = retryable ?? ErrorCode[code].retryable
    this.details = details
  }
}

/** Is this value a CopydeskError (also across module copies)? */
export function isCopydeskError(value: unknown): value is CopydeskError {
  return (
    value instanceof CopydeskError ||
    (value instanceof Error &&
      value.name === 'CopydeskError' &&
      typeof (value as CopydeskError).code === 'string')
  )
}

/** Wraps anything thrown into a CopydeskError; unknown errors are retryable (ERR_UNKNOWN). */
export function toCopydeskError(value: unknown, fallback: ErrorCode = 'ERR_UNKNOWN'): CopydeskError {
  if (isCopydeskError(value)) return value
  if (value instanceof Error) return new CopydeskError(fallback, value.message, { cause: value })
  return new CopydeskError(fallback, String(value))
}
