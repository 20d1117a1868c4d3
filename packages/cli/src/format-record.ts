import type { RangeRecord } from '@copydesk/stream'

/** Header values as text (first value of a repeated header). */
export function headersOf(record: Pick<RangeRecord, 'headers'>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record.headers)) {
    const first = Array.isArray(v) ? v[0] : v
    if (first !== undefined) out[k] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first)
  }
  return out
}

/** A record as one JSON line: the value parsed when it is JSON, else as text. */
export function recordToJson(r: RangeRecord): string {
  const text = r.value?.toString('utf8') ?? null
  let value: unknown = text
  try {
    if (text !== null) value = JSON.parse(text)
  } catch {}
  return JSON.stringify({
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: new Date(r.timestamp).toISOString(),
    key: r.key?.toString('utf8') ?? null,
    headers: headersOf(r),
    value,
  })
}

/** A record for people: coordinates, time, key, and the start of its value on one line. */
export function recordToText(r: RangeRecord, width = 160): string {
  const value = (r.value?.toString('utf8') ?? '(null)').replace(/\s+/g, ' ')
  const head = `${r.topic}/${r.partition}@${r.offset} ${new Date(r.timestamp).toISOString()} key=${r.key?.toString('utf8') ?? '(null)'}`
  return `${head}\n  ${value.length > width ? `${value.slice(0, width)}…` : value}`
}
