import { CopydeskError, cloudEventHeaders, formatIssues } from '@copydesk/contracts'
import type { ProducerRecord } from './dead-letter.ts'
import type { HandleResult, Stage } from './types.ts'

/** ISO 8601 time of the current millisecond, formatted once per millisecond, not once per record. */
const clock = {
  ms: -1,
  text: '',
  iso(): string {
    const now = Date.now()
    if (now !== this.ms) {
      this.ms = now
      this.text = new Date(now).toISOString()
    }
    return this.text
  },
}

/**
 * Output values are written into shared 64 KB slabs, one view each: a Buffer of its own per 5 KB
 * record costs an allocation and a finaliser as dear as the JSON.stringify itself, and as a string
 * the value would stay on the JS heap until its batch commits, copied by every young-generation
 * collection meanwhile. A slab is freed when the last record written into it is gone.
 */
const SLAB_BYTES = 64 * 1024
let slab = Buffer.allocUnsafe(SLAB_BYTES)
let slabUsed = 0

/**
 * The UTF-8 bytes of `text`, as a view into the current slab (large values get their own Buffer).
 * It writes first and measures after: a write into too little room stops before the first
 * character that does not fit, so one that leaves 4 bytes or more unused wrote everything, and
 * `Buffer.byteLength` (a second pass over the text) is needed only near the slab's end.
 */
export function encodeUtf8(text: string): Buffer {
  // Every UTF-16 unit takes at least one byte: a text this long cannot share a slab.
  if (text.length > SLAB_BYTES / 8) return Buffer.from(text)
  if (slabUsed + text.length > SLAB_BYTES) newSlab()
  const start = slabUsed
  const written = slab.write(text, start, 'utf8')
  if (SLAB_BYTES - start - written < 4 && written < Buffer.byteLength(text)) {
    // Cut short: a fresh slab holds it (at most 3 bytes per unit of a text this short).
    newSlab()
    return viewOf(0, slab.write(text, 0, 'utf8'))
  }
  return viewOf(start, written)
}

function newSlab(): void {
  slab = Buffer.allocUnsafe(SLAB_BYTES)
  slabUsed = 0
}

function viewOf(start: number, bytes: number): Buffer {
  // Views start on 8-byte boundaries, as Buffer's own pool keeps them.
  slabUsed = (start + bytes + 7) & ~7
  return slab.subarray(start, start + bytes)
}

/** Where an input record came from and where its outputs may go. */
export interface OutputTarget {
  stage: Stage
  /** The stage's output topics; the first is the default. */
  topics: readonly string[]
  topic: string
  partition: number
  offset: string
}

/**
 * Turns a handler's result into producer records: each output checked against the stage's output
 * schema (a bad output dead-letters its input, it never reaches the output topic), serialised, and
 * given its CloudEvents headers. Returns the error instead when any output is bad.
 */
export function buildOutputs(
  target: OutputTarget,
  result: HandleResult<unknown>,
): { records: ProducerRecord[] } | { error: CopydeskError } {
  const { stage, topics } = target
  const outputs = result == null ? [] : Array.isArray(result) ? result : [result as never]
  const records: ProducerRecord[] = []
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i] as Exclude<HandleResult<unknown>, readonly unknown[] | null | undefined>
    const outTopic = out.topic ?? topics[0]
    if (!outTopic || !topics.includes(outTopic)) {
      const allowed = topics.join(', ')
      const message = `output ${i} goes to ${outTopic}, not one of the stage's topics (${allowed})`
      return { error: new CopydeskError('ERR_HANDLER', message) }
    }
    const parsed = stage.to.schema.safeParse(out.value)
    if (!parsed.success) {
      const message = `invalid output ${i} for ${outTopic}: ${formatIssues(parsed.error.issues)}`
      return { error: new CopydeskError('ERR_SCHEMA', message) }
    }
    records.push({
      topic: outTopic,
      key: out.key,
      value: encodeUtf8(JSON.stringify(parsed.data)),
      headers: {
        // Derived from the input coordinates, so a replay gives the same id and consumers can dedupe.
        [cloudEventHeaders.id]: `${target.topic}/${target.partition}/${target.offset}/${i}`,
        [cloudEventHeaders.type]: stage.to.eventType ?? outTopic,
        [cloudEventHeaders.source]: `copydesk/${stage.name}`,
        [cloudEventHeaders.time]: clock.iso(),
        [cloudEventHeaders.specVersion]: '1.0',
        [cloudEventHeaders.contentType]: 'application/json',
        ...out.headers,
      },
    })
  }
  return { records }
}
