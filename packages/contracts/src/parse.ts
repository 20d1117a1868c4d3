import type { z } from 'zod'
import { CopydeskError } from './errors.ts'

/** Describes every issue of a failed parse as `path: message`, one per line. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ')
}

/** Validates a value against an event schema; the error (ERR_SCHEMA) lists every failing field path. */
export function parseEvent<S extends z.ZodType>(schema: S, value: unknown, what = 'event'): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new CopydeskError('ERR_SCHEMA', `invalid ${what}: ${formatIssues(result.error.issues)}`, {
    paths: result.error.issues.map((i) => i.path.join('.')),
  })
}

/** Strict UTF-8 (invalid bytes throw); one decoder serves every call, as decode() without `stream` keeps no state. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Parses JSON bytes or text and validates it; bad bytes give ERR_INVALID_JSON, bad shape ERR_SCHEMA. */
export function decodeEvent<S extends z.ZodType>(
  schema: S,
  bytes: Buffer | string | null,
  what = 'event',
): z.infer<S> {
  if (bytes === null)
    throw new CopydeskError('ERR_INVALID_JSON', `invalid ${what}: the record has no value (tombstone)`)
  let value: unknown
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : utf8.decode(bytes))
  } catch (err) {
    throw new CopydeskError('ERR_INVALID_JSON', `invalid ${what}: ${(err as Error).message}`, { cause: err })
  }
  return parseEvent(schema, value, what)
}
