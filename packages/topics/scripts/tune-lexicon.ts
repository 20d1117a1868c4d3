/**
 * Chooses the lexicon calibration (options.ts LEXICON_CALIBRATION) by measurement:
 *   pnpm tsx --conditions=@copydesk/source packages/topics/scripts/tune-lexicon.ts <bbc dev.jsonl>
 * For each (slope, offset) it reports the BBC top-1 macro-F1 over out-of-fold scores (lexicon topics
 * must not outrank the labelled topic) and how many hand-written topic paragraphs
 * (test/fixtures/paragraphs.json) get their expected topics at 0.5 and avoid the forbidden ones,
 * and how many unexpected topics they get. Optional second argument: training options as JSON.
 */
import { readFileSync } from 'node:fs'
import { hashDocument } from '../src/hash-features.ts'
import { MEDIA_TOPICS } from '../src/media-topics.ts'
import { LEXICON_CALIBRATION } from '../src/options.ts'
import { combineTopicEvidence, computeTopicEvidence, type TopicEvidence } from '../src/score-topics.ts'
import { compileTopicModel } from '../src/topic-model.ts'
import { type TrainOptions, trainTopicModel } from '../src/train-model.ts'
import { BBC_LABELS, readBbcFile } from './bbc-data.ts'

const file = process.argv[2]
if (!file) throw new Error('usage: tune-lexicon.ts <bbc dev.jsonl>')
const { docs } = readBbcFile(file)
const trainOptions: TrainOptions = JSON.parse(process.argv[3] ?? '{}')
const codes: string[] = MEDIA_TOPICS.map((t) => t.code)
const folds = 5
const foldOf = (group: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193)
  return (h >>> 0) % folds
}
const bbc: { gold: number; evidence: TopicEvidence }[] = []
for (let f = 0; f < folds; f++) {
  const model = compileTopicModel(
    trainTopicModel(
      docs.filter((d) => foldOf(d.group) !== f),
      trainOptions,
    ),
  )
  for (const d of docs.filter((doc) => foldOf(doc.group) === f)) {
    bbc.push({
      gold: codes.indexOf(d.code),
      evidence: computeTopicEvidence(model, hashDocument(d.text, d.title)),
    })
  }
}
const full = compileTopicModel(trainTopicModel(docs, trainOptions))
const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/paragraphs.json', import.meta.url), 'utf8'))
const paragraphs = (
  fixture.cases as { title: string; text: string; expect: string[]; forbid: string[] }[]
).map((c) => ({ ...c, evidence: computeTopicEvidence(full, hashDocument(c.text, c.title)) }))
const gold = Object.values(BBC_LABELS).map((c) => codes.indexOf(c))
const argmax = (s: Float64Array): number => s.reduce((best, v, i) => (v > s[best]! ? i : best), 0)
for (const lengthExponent of [0.75, 1]) {
  for (const offset of [4, 5, 6, 7]) {
    const slope = 1
    const calibration = { slope, offset, lengthExponent, referenceWords: LEXICON_CALIBRATION.referenceWords }
    const predictions = bbc.map((b) => ({
      gold: b.gold,
      top: argmax(combineTopicEvidence(b.evidence, calibration)),
    }))
    const f1 =
      gold.reduce((sum, g) => {
        const tp = predictions.filter((p) => p.gold === g && p.top === g).length
        const fp = predictions.filter((p) => p.gold !== g && p.top === g).length
        const fn = predictions.filter((p) => p.gold === g && p.top !== g).length
        return sum + (2 * tp) / (2 * tp + fp + fn)
      }, 0) / gold.length
    let passed = 0
    let spurious = 0
    for (const p of paragraphs) {
      const s = combineTopicEvidence(p.evidence, calibration)
      const ok =
        p.expect.every((c) => s[codes.indexOf(c)]! >= 0.5) &&
        p.forbid.every((c) => s[codes.indexOf(c)]! < 0.5)
      if (ok) passed++
      s.forEach((v, t) => {
        if (v >= 0.5 && !p.expect.includes(codes[t]!)) spurious++
      })
    }
    console.log(
      `exponent ${lengthExponent} offset ${offset}: BBC top-1 macro-F1 ${f1.toFixed(4)}, paragraphs ${passed}/${paragraphs.length}, unexpected tags ${spurious}`,
    )
  }
}
for (const p of paragraphs) {
  const e = [...p.evidence.lexical.entries()]
    .filter(([, v]) => v > 0)
    .map(([t, v]) => `${codes[t]!.slice(7, 9)}:${v.toFixed(1)}`)
  console.log(`${p.title.slice(0, 40).padEnd(40)} lexical ${e.join(' ')}`)
}
