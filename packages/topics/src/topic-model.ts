import { readFileSync } from 'node:fs'
import { endianness } from 'node:os'
import { CopydeskError } from '@copydesk/contracts'
import { defaultWordClusters } from '@copydesk/word-clusters'
import { z } from 'zod'
import { hashTerm } from './hash-features.ts'
import { TOPIC_LEXICON } from './lexicon.ts'
import { isMediaTopicCode, MEDIA_TOPIC_INDEX, type MediaTopicCode } from './media-topics.ts'
import { DEFAULT_MODEL_URL } from './options.ts'
import type { TopicModel } from './types.ts'

/**
 * The model file. Weights are binary in base64 so the file loads in a few milliseconds: `rowBitmap`
 * marks the hash-table rows that have weights (bit b of byte b >> 3), and `weights` holds, row by row,
 * heads.length little-endian int16 values each, to be divided by `scale`. Format 3: the features
 * include word clusters (see hash-features.ts); a format-2 model, trained without them, is refused.
 */
export const TopicModelFile = z.object({
  format: z.literal('copydesk-topics/3'),
  hashBits: z.number().int().min(10).max(24),
  heads: z.array(z.string().refine(isMediaTopicCode, 'not a top-level medtop code')).min(1),
  /** an extra last weight column: P(background), by which every head's probability is scaled down */
  gate: z.boolean().default(false),
  bias: z.array(z.number()),
  scale: z.number().positive(),
  rowBitmap: z.string(),
  weights: z.string(),
  meta: z.record(z.string(), z.unknown()).default({}),
})
export type TopicModelFile = z.infer<typeof TopicModelFile>

/** Turns TOPIC_LEXICON into term hash -> (topic index, weight) pairs; a repeated term keeps its largest weight. */
export function compileLexicon(): Map<number, number[]> {
  const lexicon = new Map<number, number[]>()
  for (const [code, tiers] of Object.entries(TOPIC_LEXICON)) {
    const topic = MEDIA_TOPIC_INDEX.get(code)!
    for (const [weightText, terms] of Object.entries(tiers)) {
      const weight = Number(weightText)
      for (const term of terms.split(',')) {
        const hash = hashTerm(term.trim())
        if (hash === undefined)
          throw new Error(`lexicon term '${term}' of ${code} is not one or two content words`)
        const pairs = lexicon.get(hash) ?? []
        const at = pairs.findIndex((_, i) => i % 2 === 0 && pairs[i] === topic)
        if (at < 0) pairs.push(topic, weight)
        else pairs[at + 1] = Math.max(pairs[at + 1]!, weight)
        lexicon.set(hash, pairs)
      }
    }
  }
  return lexicon
}

/** The int16 values of a little-endian byte buffer, whatever the host's byte order. */
function readInt16LittleEndian(bytes: Buffer): Int16Array {
  const copy = new Int16Array(bytes.length >> 1)
  if (endianness() === 'LE') new Uint8Array(copy.buffer).set(bytes.subarray(0, copy.length * 2))
  else for (let i = 0; i < copy.length; i++) copy[i] = bytes.readInt16LE(i * 2)
  return copy
}

/** Builds the in-memory model (dense weight table, compiled lexicon) from a parsed model file. */
export function compileTopicModel(file: TopicModelFile): TopicModel {
  const k = file.heads.length + (file.gate ? 1 : 0)
  if (file.bias.length !== k)
    throw new CopydeskError('ERR_SCHEMA', 'topic model: one bias per weight column expected')
  const size = 1 << file.hashBits
  const bitmap = Buffer.from(file.rowBitmap, 'base64')
  const packed = Buffer.from(file.weights, 'base64')
  if (bitmap.length !== size >> 3) throw new CopydeskError('ERR_SCHEMA', 'topic model: row bitmap size')
  const weights = new Float32Array(size * k)
  // A typed-array view reads the int16s ~10x faster than Buffer.readInt16LE; the copy aligns it.
  const values = readInt16LittleEndian(packed)
  let at = 0
  for (let bucket = 0; bucket < size; bucket++) {
    if ((bitmap[bucket >> 3]! & (1 << (bucket & 7))) === 0) continue
    if (at + k > values.length) throw new CopydeskError('ERR_SCHEMA', 'topic model: weights too short')
    for (let j = 0; j < k; j++, at++) weights[bucket * k + j] = values[at]! / file.scale
  }
  if (at !== values.length)
    throw new CopydeskError('ERR_SCHEMA', 'topic model: weights do not match the rows')
  const heads = file.heads as MediaTopicCode[]
  return {
    hashBits: file.hashBits,
    heads,
    columns: k,
    gate: file.gate,
    headTopicIndex: Int32Array.from(heads, (code) => MEDIA_TOPIC_INDEX.get(code)!),
    bias: Float32Array.from(file.bias),
    weights,
    lexicon: compileLexicon(),
    meta: file.meta,
  }
}

let defaultModel: TopicModel | undefined

/** Reads and compiles a model file; without a path, the shipped model (cached after the first call). */
export function loadTopicModel(path?: string | URL): TopicModel {
  if (path === undefined && defaultModel) return defaultModel
  const source = path ?? DEFAULT_MODEL_URL
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(source, 'utf8'))
  } catch (cause) {
    throw new CopydeskError('ERR_CONFIG', `cannot read topic model ${String(source)}`, { cause })
  }
  const parsed = TopicModelFile.safeParse(raw)
  if (!parsed.success) {
    throw new CopydeskError('ERR_CONFIG', `invalid topic model ${String(source)}: ${parsed.error.message}`)
  }
  const model = compileTopicModel(parsed.data)
  // The features need the word clusters: a missing or bad file fails here, at load, too.
  defaultWordClusters()
  if (path === undefined) defaultModel = model
  return model
}
