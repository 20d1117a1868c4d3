import { gunzipSync, gzipSync } from 'node:zlib'
import { type NerModel, NUM_TAGS } from './tagger.ts'

const MAGIC = 'CDNER1'

/**
 * Serialises a model compactly: only buckets with a weight that survives int16 quantisation,
 * as varint index deltas plus NUM_TAGS int16 values each, gzipped. Zero buckets (most of the
 * hashed table) cost nothing, which keeps the file small enough for git.
 */
export function encodeModel(model: NerModel, minAbs = 0.05): Uint8Array {
  const w = model.weights
  let maxAbs = 0
  for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i] as number))
  const scale = maxAbs / 32767 || 1
  const index: number[] = []
  const values: number[] = []
  let last = 0
  for (let b = 0; b <= model.mask; b++) {
    let keep = false
    for (let t = 0; t < NUM_TAGS; t++) if (Math.abs(w[b * NUM_TAGS + t] as number) >= minAbs) keep = true
    if (!keep) continue
    pushVarint(index, b - last)
    last = b
    for (let t = 0; t < NUM_TAGS; t++) values.push(Math.round((w[b * NUM_TAGS + t] as number) / scale))
  }
  const header = Buffer.from(
    `${MAGIC}${JSON.stringify({ hashBits: model.hashBits, tags: NUM_TAGS, scale, buckets: values.length / NUM_TAGS, indexBytes: index.length })}\n`,
  )
  const body = Buffer.concat([
    Buffer.from(Uint8Array.from(index)),
    Buffer.from(Int16Array.from(values).buffer),
  ])
  return Buffer.concat([header, gzipSync(body, { level: 9 })])
}

/** Reads a model written by `encodeModel` back into a dense weight table. */
export function decodeModel(bytes: Uint8Array): NerModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const nl = buf.indexOf(10)
  const head = buf.subarray(0, nl).toString('utf8')
  if (!head.startsWith(MAGIC)) throw new Error('not a copydesk NER model file')
  const meta = JSON.parse(head.slice(MAGIC.length)) as {
    hashBits: number
    tags: number
    scale: number
    buckets: number
    indexBytes: number
  }
  if (meta.tags !== NUM_TAGS) throw new Error(`model has ${meta.tags} tags, expected ${NUM_TAGS}`)
  const body = gunzipSync(buf.subarray(nl + 1))
  const mask = (1 << meta.hashBits) - 1
  const weights = new Float32Array((mask + 1) * NUM_TAGS)
  const values = new Int16Array(
    body.buffer.slice(body.byteOffset + meta.indexBytes, body.byteOffset + body.byteLength),
  )
  let pos = 0
  let bucket = 0
  for (let k = 0; k < meta.buckets; k++) {
    let delta = 0
    let shift = 0
    for (;;) {
      const byte = body[pos++] as number
      delta += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) break
      shift += 7
    }
    bucket += delta
    for (let t = 0; t < NUM_TAGS; t++)
      weights[bucket * NUM_TAGS + t] = (values[k * NUM_TAGS + t] as number) * meta.scale
  }
  return { hashBits: meta.hashBits, mask, weights }
}

function pushVarint(out: number[], value: number): void {
  let v = value
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
}
