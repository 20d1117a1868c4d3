/**
 * Top-1 macro-F1 of the full 17-topic tagger on a labelled BBC-shaped file:
 *   pnpm tsx packages/topics/scripts/score-bbc.ts <labelled.jsonl> [--cv] [--folds 5] [--seed 1] [--model <model.json>]
 * When the file is the one the model was trained on (same sha256) or --cv is given, it trains and
 * scores k folds (duplicate groups never straddle folds); otherwise it scores the given/shipped model.
 */
import { hashDocument } from '../src/hash-features.ts'
import { MEDIA_TOPICS } from '../src/media-topics.ts'
import { scoreHashedDocument } from '../src/score-topics.ts'
import { compileTopicModel, loadTopicModel } from '../src/topic-model.ts'
import { trainTopicModel } from '../src/train-model.ts'
import type { TopicModel } from '../src/types.ts'
import { BBC_LABELS, type BbcDocument, readBbcFile } from './bbc-data.ts'

const args = process.argv.slice(2)
const file = args.find(
  (a, i) => !a.startsWith('--') && !['--folds', '--model', '--seed'].includes(args[i - 1] ?? ''),
)
const option = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
if (!file) {
  console.error('usage: score-bbc.ts <labelled.jsonl> [--cv] [--folds 5] [--model <model.json>]')
  process.exit(2)
}

interface Scored {
  doc: BbcDocument
  scores: Float64Array
}

function groupFold(group: string, folds: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193)
  return (h >>> 0) % folds
}

function scoreWith(model: TopicModel, docs: BbcDocument[]): Scored[] {
  return docs.map((doc) => ({ doc, scores: scoreHashedDocument(model, hashDocument(doc.text, doc.title)) }))
}

const { docs, sha256 } = readBbcFile(file)
const modelPath = option('--model')
const model = loadTopicModel(modelPath)
const trainedOn = (model.meta.trainedOn ?? {}) as { sha256?: string }
const crossValidate = args.includes('--cv') || trainedOn.sha256 === sha256
let scored: Scored[] = []
if (crossValidate) {
  const folds = Number(option('--folds') ?? 5)
  console.log(`${folds}-fold cross-validation on ${docs.length} documents (the model is retrained per fold)`)
  for (let f = 0; f < folds; f++) {
    const train = docs.filter((d) => groupFold(d.group, folds) !== f)
    const test = docs.filter((d) => groupFold(d.group, folds) === f)
    const seed = Number(option('--seed') ?? 1)
    scored.push(...scoreWith(compileTopicModel(trainTopicModel(train, { seed })), test))
  }
} else {
  console.log(
    `scoring the model ${modelPath ?? '(shipped)'} on ${docs.length} documents (not its training file: sha256 differs)`,
  )
  scored = scoreWith(model, docs)
}

const codes: string[] = MEDIA_TOPICS.map((t) => t.code)
const gold = Object.values(BBC_LABELS)
const argmax = (s: Float64Array, among?: readonly string[]): number => {
  let best = -1
  for (let t = 0; t < s.length; t++) {
    if (among && !among.includes(codes[t]!)) continue
    if (best < 0 || s[t]! > s[best]!) best = t
  }
  return best
}
function macroF1(predict: (s: Scored) => string): { f1: number; accuracy: number; perLabel: string[] } {
  const perLabel: string[] = []
  let sum = 0
  let labels = 0
  let correct = 0
  for (const s of scored) if (predict(s) === s.doc.code) correct++
  for (const code of gold) {
    const tp = scored.filter((s) => s.doc.code === code && predict(s) === code).length
    const fp = scored.filter((s) => s.doc.code !== code && predict(s) === code).length
    const fn = scored.filter((s) => s.doc.code === code && predict(s) !== code).length
    // A label neither in the file nor predicted has no F1; it must not count as 0 in the mean.
    if (tp + fp + fn === 0) {
      perLabel.push(`${code} n/a (not in the file, never predicted)`)
      continue
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn)
    sum += f1
    labels++
    perLabel.push(`${code} F1 ${f1.toFixed(4)} (tp ${tp}, fp ${fp}, fn ${fn})`)
  }
  return { f1: labels ? sum / labels : 0, accuracy: correct / scored.length, perLabel }
}

const full = macroF1((s) => codes[argmax(s.scores)]!)
const trainedOnly = macroF1((s) => codes[argmax(s.scores, gold)]!)
console.log(
  `\ntop-1 macro-F1, all 17 topics ranked: ${full.f1.toFixed(4)} (accuracy ${full.accuracy.toFixed(4)})`,
)
for (const line of full.perLabel) console.log(`  ${line}`)
console.log(`top-1 macro-F1, only the 5 BBC topics ranked: ${trainedOnly.f1.toFixed(4)}`)

const threshold = 0.5
const tagged = new Map<string, number>()
let goldKept = 0
let tagCount = 0
for (const s of scored) {
  s.scores.forEach((v, t) => {
    if (v < threshold) return
    tagCount++
    tagged.set(codes[t]!, (tagged.get(codes[t]!) ?? 0) + 1)
  })
  if (s.scores[codes.indexOf(s.doc.code)]! >= threshold) goldKept++
}
console.log(
  `\nat threshold ${threshold}: ${(tagCount / scored.length).toFixed(2)} topics per article, gold topic kept in ${goldKept}/${scored.length}`,
)
for (const [code, n] of [...tagged].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${code} ${MEDIA_TOPICS[codes.indexOf(code)]!.label}: ${n}`)
}

const margin = (s: Scored): number => {
  const g = s.scores[codes.indexOf(s.doc.code)]!
  let other = 0
  s.scores.forEach((v, t) => {
    if (codes[t] !== s.doc.code) other = Math.max(other, v)
  })
  return g - other
}
const top3 = (s: Float64Array): string =>
  [...s.keys()]
    .sort((a, b) => s[b]! - s[a]!)
    .slice(0, 3)
    .map((t) => `${codes[t]!.slice(7, 9)}:${s[t]!.toFixed(2)}`)
    .join(' ')
console.log('\ntwenty worst cases (lowest margin of the gold topic over the best other topic):')
for (const s of [...scored].sort((a, b) => margin(a) - margin(b)).slice(0, 20)) {
  const flag = margin(s) < 0 ? 'MISS' : 'ok  '
  console.log(
    `${flag} ${s.doc.id.padEnd(22)} gold ${s.doc.code.slice(7, 9)} | ${top3(s.scores)} | ${s.doc.title ?? ''}`,
  )
}
