import { CopydeskError } from '@copydesk/contracts'

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Key of one article version: articles/v1/<yyyy>/<mm>/<dd>/<articleId>/<contentHash>.json. The date is
 * the UTC day the page was fetched, which a replay of the same input reproduces exactly.
 */
export function recordKey(articleId: string, contentHash: string, fetchedAt: string): string {
  const d = new Date(fetchedAt)
  if (Number.isNaN(d.getTime()))
    throw new CopydeskError('ERR_SCHEMA', `fetchedAt is not a date: ${fetchedAt}`)
  return `articles/v1/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${articleId}/${contentHash}.json`
}

/**
 * Key of a batch file, named from the Kafka coordinates of its first record so that a replayed
 * batch overwrites its earlier self instead of adding a copy:
 * batches/v1/dt=<yyyy-mm-dd>/hour=<hh>/<topic>+<partition>+<firstOffset>.ndjson.gz
 */
export function batchKey(
  topic: string,
  partition: number,
  firstOffset: string,
  firstTimestampMs: number,
): string {
  const d = new Date(firstTimestampMs)
  const dt = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return `batches/v1/dt=${dt}/hour=${pad(d.getUTCHours())}/${topic}+${partition}+${firstOffset}.ndjson.gz`
}

/** Splits s3://bucket/key; anything else is ERR_BODY_REF. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(uri)
  if (!m) throw new CopydeskError('ERR_BODY_REF', `not an s3://bucket/key URI: ${uri.slice(0, 200)}`)
  return { bucket: m[1]!, key: m[2]! }
}
