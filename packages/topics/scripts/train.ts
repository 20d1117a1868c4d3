/**
 * Trains the shipped topic model: pnpm tsx packages/topics/scripts/train.ts <labelled.jsonl> [--out <model.json>]
 * The model file holds hashed feature weights only, never article text.
 */
import { statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MODEL_URL } from '../src/options.ts'
import { trainTopicModel } from '../src/train-model.ts'
import { readBbcFile } from './bbc-data.ts'

const args = process.argv.slice(2)
const input = args.find((a) => !a.startsWith('--'))
const outAt = args.indexOf('--out')
const out = outAt >= 0 ? args[outAt + 1]! : fileURLToPath(DEFAULT_MODEL_URL)
if (!input) {
  console.error('usage: train.ts <labelled.jsonl> [--out <model.json>]')
  process.exit(2)
}
const started = performance.now()
const { docs, sha256 } = readBbcFile(input)
const model = trainTopicModel(docs, {
  meta: {
    trainedOn: { file: basename(input), sha256, documents: docs.length },
    dataset: 'BBC News, Greene & Cunningham 2006 (dev half); labels mapped to IPTC Media Topics',
    script: 'packages/topics/scripts/train.ts',
  },
})
writeFileSync(out, `${JSON.stringify(model)}\n`)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`trained ${model.heads.length} heads on ${docs.length} documents in ${seconds} s`)
const columns = model.heads.length + (model.gate ? 1 : 0)
const rows = Buffer.from(model.weights, 'base64').length / 2 / columns
console.log(`${rows} weight rows x ${columns} columns, ${(statSync(out).size / 1e6).toFixed(2)} MB -> ${out}`)
