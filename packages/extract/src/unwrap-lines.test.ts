import { describe, expect, it } from 'vitest'
import { unwrapLines } from './unwrap-lines.ts'

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return lines
}

const paragraph =
  'Engineers began pumping water out of a glacier lake above a mountain village on Monday, hoping to lower the level before summer melt raises the risk of a sudden flood, and said the work would last a month.'

describe('unwrapLines', () => {
  it('joins a dump wrapped at 72 columns back into paragraphs', () => {
    const lines = [
      'Menu',
      '',
      ...wrap(paragraph, 72),
      '',
      ...wrap(paragraph, 72),
      '',
      ...wrap(paragraph, 72),
      '',
      'Home',
    ]
    const out = unwrapLines(lines).filter(Boolean)
    expect(out).toEqual(['Menu', paragraph, paragraph, paragraph, 'Home'])
  })

  it('leaves a dump with one paragraph per line as it is', () => {
    const lines = [
      'Menu',
      paragraph,
      'Short line',
      paragraph.slice(0, 120),
      'Home',
      'World',
      paragraph,
      'a',
      'b',
      'c',
      'd',
    ]
    expect(unwrapLines(lines)).toEqual(lines)
  })
})
