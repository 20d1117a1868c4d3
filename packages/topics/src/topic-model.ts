import { readFileSync } from 'node:fs'
import { CopydeskError } from '@copydesk/contracts'
import { z } from 'zod'
import { hashTerm } from './hash-features.ts'
import { TOPIC_LEXICON } from './lexicon.ts'
import { isMediaTopicCode, MEDIA_TOPIC_INDEX, type MediaTopicCode } from './media-topics.ts'
import { DEFAULT_MODEL_URL } from './options.ts'
import type { TopicModel } from './types.ts'

/** The model file: sparse rows of quantised weights, so the file stays small and diff-able. */
export const TopicModelFile = z.object({
  format: z.literal('copydesk-topics/1'),
  hashBits: z.number().int().min(10).max(24),
  heads: z.array(z.string().refine(isMediaTopicCode, 'not a top-level medtop code')).min(1),
  bias: z.array(z.number()),
  /** weights are stored as integers: value = stored / scale */
  scale: z.number().positive(),
  /** bucket numbers of the stored rows, delta-encoded (each is the gap from the previous one) */
  rows: z.array(z.number().int().min(0)),
  /** row-major: rows.length x heads.length integers */
  weights: z.array(z.number().int()),
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

/** Builds the in-memory model (dense weight table, compiled lexicon) from a parsed model file. */
export function compileTopicModel(file: TopicModelFile): TopicModel {
  const k = file.heads.length
  if (file.bias.length !== k || file.weights.length !== file.rows.length * k) {
    throw new CopydeskError('ERR_SCHEMA', 'topic model: bias/weights do not match heads and rows')
  }
  const size = 1 << file.hashBits
  const weights = new Float32Array(size * k)
  let bucket = 0
  for (let r = 0; r < file.rows.length; r++) {
    bucket += file.rows[r]!
    if (bucket >= size)
      throw new CopydeskError('ERR_SCHEMA', `topic model: row ${bucket} outside the hash table`)
    for (let j = 0; j < k; j++) weights[bucket * k + j] = file.weights[r * k + j]! / file.scale
  }
  const heads = file.heads as MediaTopicCode[]
  return {
    hashBits: file.hashBits,
    heads,
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
  if (path === undefined) defaultModel = model
  return model
}
