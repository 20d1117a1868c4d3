import { describe, expect, it } from 'vitest'
import { classifyLines, findBodyRun, isBoilerplateLine, isWallLine } from './classify-lines.ts'

describe('isBoilerplateLine', () => {
  it.each([
    'READ ALSO',
    'BY Abiodun Saheed Omodara May 25, 2025 0',
    'OUR CHANNELS:',
    'Load more...',
    'Menu',
    'Would you like to receive notifications on latest updates of the following headlines?',
    'Sign up for our newsletter',
    'The Federal Government has finalized plans to sell a large estate associated with a former Governor...',
    'North Korean leader Kim Jong-un, Russian President Vladimir Putin /Photo credit: Council on Foreign Relations',
    'Photo: Damian Dovarganes, AP',
    'Image 1 of 23',
    '© 2024 The Coastal Ledger. All rights reserved.',
    'Advertisement',
    'Share this:',
  ])('marks %j as boilerplate', (line) => {
    expect(isBoilerplateLine(line) || isWallLine(line)).toBe(true)
  })

  it.each([
    'South Korea and the United States have repeatedly accused North Korea of supplying weapons to Moscow.',
    'Kim Yo Jong said, "What is most urgent for us is not to advertise something."',
    'The mayor read the menu of options to residents on Monday.',
  ])('keeps the sentence %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(false)
  })

  it('marks the start of a comment thread as a wall', () => {
    expect(isWallLine('34 responses to “Anthony Lynn: We needed to win”')).toBe(true)
    expect(isWallLine('Leave a Reply')).toBe(true)
    expect(isWallLine('thelastfan says:')).toBe(true)
    expect(isWallLine('The minister says the plan works.')).toBe(false)
  })
})

describe('findBodyRun', () => {
  it('finds the run of sentences between menus and teasers', () => {
    const lines = classifyLines([
      'Home',
      'World',
      'Business',
      'Engineers began pumping water out of a glacier lake above a mountain village on Monday morning.',
      '',
      'The lake has grown quickly over the past three years as the glacier behind it retreated.',
      'Subheading',
      'The operation is expected to take four to six weeks, weather permitting, the mayor said.',
      'READ ALSO',
      'Ferry timetable changes announced for the summer season',
      'The regional ferry company has announced changes to its summer timetable, with more...',
    ])
    expect(findBodyRun(lines)).toEqual([3, 8])
  })
})
