import { computeDocFeatures } from '../src/features.ts'
import { loadGazetteer } from '../src/gazetteer.ts'
import { extractEntities } from '../src/index.ts'
import { loadModel } from '../src/load-model.ts'
import { decodeGreedy } from '../src/tagger.ts'
import { tokenizeText } from '../src/tokenize-text.ts'
import { readConll } from './conll.ts'

const texts = readConll('/work/shared/benchmarks/conll2003/valid.txt').map((d) => d.text)
const gaz = loadGazetteer()
const model = loadModel()
for (let r = 0; r < 3; r++) {
  let a = 0,
    b = 0,
    c = 0,
    d = 0
  for (const t of texts) {
    const t0 = performance.now()
    const toks = tokenizeText(t)
    const t1 = performance.now()
    const f = computeDocFeatures(toks, gaz, model.mask)
    const t2 = performance.now()
    decodeGreedy(model, f)
    const t3 = performance.now()
    extractEntities(t)
    const t4 = performance.now()
    a += t1 - t0
    b += t2 - t1
    c += t3 - t2
    d += t4 - t3
  }
  console.log({ tokenize: a, features: b, decode: c, full: d })
}
