import { describe, expect, it } from 'vitest'
import { decodeModel, encodeModel } from './model-file.ts'
import { denseModel, NUM_TAGS } from './tagger.ts'

describe('encodeModel / decodeModel', () => {
  it('round-trips sparse weights within bfloat16 precision, keeping only the non-zero rows', () => {
    const model = denseModel(10)
    const { weights } = model
    weights[5 * NUM_TAGS + 2] = 123.456
    weights[5 * NUM_TAGS + 3] = -0.000321
    weights[1000 * NUM_TAGS + 8] = 7
    const back = decodeModel(encodeModel(model))
    expect(back.hashBits).toBe(10)
    expect(back.mask).toBe(1023)
    // Row 0 (zeros, shared by every empty bucket) and the rows of buckets 5 and 1000.
    expect(back.weights.length).toBe(3 * NUM_TAGS)
    expect(back.weights.subarray(0, NUM_TAGS).every((w) => w === 0)).toBe(true)
    for (let b = 0; b <= model.mask; b++) {
      if (b !== 5 && b !== 1000) expect(back.rows[b], `bucket ${b}`).toBe(0)
      for (let t = 0; t < NUM_TAGS; t++) {
        const want = weights[b * NUM_TAGS + t] as number
        const got = back.weights[(back.rows[b] as number) * NUM_TAGS + t] as number
        expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 0.004)
      }
    }
  })

  it('writes the same bytes from a loaded model as from the dense one it came from', () => {
    const model = denseModel(8)
    for (let i = 0; i < model.weights.length; i += 7) model.weights[i] = (i % 13) - 6
    const bytes = encodeModel(model)
    expect(Buffer.from(encodeModel(decodeModel(bytes))).equals(Buffer.from(bytes))).toBe(true)
  })

  it('refuses a model whose buckets lie beyond its hash bits', () => {
    const model = denseModel(10)
    model.weights[1000 * NUM_TAGS] = 1
    const bytes = Buffer.from(encodeModel(model))
    const nl = bytes.indexOf(10)
    const header = bytes.subarray(0, nl).toString().replace('"hashBits":10', '"hashBits":8')
    const forged = Buffer.concat([Buffer.from(header), bytes.subarray(nl)])
    expect(() => decodeModel(forged)).toThrow(/bucket 1000 is beyond its 8 hash bits/)
  })

  it('refuses a file that is not a model', () => {
    expect(() => decodeModel(new TextEncoder().encode('hello\nworld'))).toThrow(/not a copydesk NER model/)
  })
})
