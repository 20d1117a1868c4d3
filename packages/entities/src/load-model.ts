import { readFileSync } from 'node:fs'
import { CopydeskError } from '@copydesk/contracts'
import { decodeModel } from './model-file.ts'
import type { NerModel } from './tagger.ts'

const defaultModelUrl = new URL('../model/ner.bin', import.meta.url)
let cached: NerModel | undefined

/** Loads (once per process) the trained tagger weights shipped in packages/entities/model/. */
export function loadModel(path: string | URL = defaultModelUrl): NerModel {
  if (path === defaultModelUrl && cached) return cached
  let model: NerModel
  try {
    model = decodeModel(readFileSync(path))
  } catch (cause) {
    throw new CopydeskError('ERR_CONFIG', `cannot load the entity model at ${String(path)}`, { cause })
  }
  if (path === defaultModelUrl) cached = model
  return model
}
