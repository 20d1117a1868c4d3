import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hashWord } from './hash-word.ts'
import { loadWordClusters, WordClusters } from './word-clusters.ts'

const fileWith = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'clusters-')), 'clusters.txt.gz')
  writeFileSync(path, gzipSync(text))
  return path
}

describe('WordClusters', () => {
  it('finds each word by its hash and answers -1 for a word it does not have', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`)
    const clusters = new WordClusters(
      words.map((w) => hashWord(w)),
      words.map((_, i) => i * 7),
    )
    expect(clusters.size).toBe(1000)
    for (const [i, w] of words.entries()) expect(clusters.get(hashWord(w))).toBe(i * 7)
    expect(clusters.get(hashWord('absent'))).toBe(-1)
  })

  it('keeps the first of two entries with the same hash (the more frequent word)', () => {
    const clusters = new WordClusters([42, 42, 43], [1, 2, 3])
    expect(clusters.size).toBe(2)
    expect(clusters.get(42)).toBe(1)
    expect(clusters.get(43)).toBe(3)
  })
})

describe('loadWordClusters', () => {
  it('reads word<TAB>packed lines', () => {
    const clusters = loadWordClusters(fileWith('reuters\t12345\npirelli\t0\n'))
    expect(clusters.get(hashWord('reuters'))).toBe(12345)
    expect(clusters.get(hashWord('pirelli'))).toBe(0)
    expect(clusters.get(hashWord('fiat'))).toBe(-1)
  })

  it('refuses a line without a number, naming it', () => {
    expect(() => loadWordClusters(fileWith('reuters\t12\npirelli\tx1\n'))).toThrow(
      /bad word clusters line: "pirelli\\tx1"/,
    )
    expect(() => loadWordClusters(fileWith('no-tab-here\n'))).toThrow(/bad word clusters line: "no-tab-here"/)
  })
})
