import { describe, expect, it } from 'vitest'
import { decodeModel, encodeModel } from './model-file.ts'
import { NUM_TAGS } from './tagger.ts'

describe('encodeModel / decodeModel', () => {
  it('round-trips sparse weights within bfloat16 precision and keeps zero buckets zero', () => {
    const hashBits = 10
    const weights = new Float32Array((1 << hashBits) * NUM_TAGS)
    weights[5 * NUM_TAGS + 2] = 123.456
    weights[5 * NUM_TAGS + 3] = -0.000321
    weights[1000 * NUM_TAGS + 8] = 7
    const back = decodeModel(encodeModel({ hashBits, mask: (1 << hashBits) - 1, weights }))
    expect(back.hashBits).toBe(hashBits)
    for (let i = 0; i < weights.length; i++) {
      const want = weights[i] as number
      expect(Math.abs((back.weights[i] as number) - want)).toBeLessThanOrEqual(Math.abs(want) * 0.004)
    }
  })

  it('refuses a file that is not a model', () => {
    expect(() => decodeModel(new TextEncoder().encode('hello\nworld'))).toThrow(/not a copydesk NER model/)
  })
})
