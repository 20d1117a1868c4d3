import { describe, expect, it } from 'vitest'
import { encodeUtf8 } from './build-outputs.ts'

describe('encodeUtf8', () => {
  it('gives the bytes Buffer.from gives, also where a text does not fit the slab it started in', () => {
    // Texts of 1-4 byte characters and lone surrogates, sized so that some end right at a slab's end.
    const pieces = ['a', 'é', '€', '😀', '\ud800', '"', '\n']
    let seed = 7
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed
    }
    const views: [string, Buffer][] = []
    for (let i = 0; i < 3000; i++) {
      let text = ''
      const length = next() % 1200
      while (text.length < length) text += pieces[next() % pieces.length]
      views.push([text, encodeUtf8(text)])
    }
    // Checked after all were written: a later write must not have touched an earlier view.
    for (const [text, view] of views) expect(view.equals(Buffer.from(text))).toBe(true)
  })

  it('gives a long text a Buffer of its own', () => {
    const text = 'x'.repeat(10_000)
    const view = encodeUtf8(text)
    expect(view.toString()).toBe(text)
    expect(view.buffer.byteLength).toBeGreaterThanOrEqual(10_000)
  })
})
