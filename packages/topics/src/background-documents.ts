import { TOPIC_LEXICON } from './lexicon.ts'
import type { MediaTopicCode } from './media-topics.ts'

/**
 * Synthetic 'none of the trained topics' articles for training: terms of one lexicon topic the
 * labelled data does not cover (weather, crime, health, ...) mixed with filler words drawn at random
 * from the labelled articles themselves. Without them the one-vs-rest heads only ever see the five
 * BBC classes and call any unfamiliar text 'business' by elimination. The filler is class-neutral
 * (drawn from every class alike), so the heads learn that the lexicon terms, not the filler, mean 'no'.
 */
export function createBackgroundDocuments(
  trainedCodes: readonly MediaTopicCode[],
  fillerTexts: readonly string[],
  count: number,
  random: () => number,
  maxTerms = 25,
): string[] {
  const topics = Object.entries(TOPIC_LEXICON)
    .filter(([code]) => !trainedCodes.includes(code as MediaTopicCode))
    .map(([, tiers]) => Object.values(tiers).flatMap((terms) => terms.split(',').map((t) => t.trim())))
  if (topics.length === 0 || count === 0) return []
  const filler = fillerTexts.flatMap((text) => text.split(/\s+/)).filter((w) => w.length > 0)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const docs: string[] = []
  for (let i = 0; i < count; i++) {
    const terms = topics[i % topics.length]!
    const words: string[] = []
    // Lengths from empty up to a full article: with no short or empty negatives the intercept
    // would be fitted only on full-length articles, and a text with little evidence would get it.
    const termCount = Math.floor(maxTerms * random())
    const fillerCount = filler.length > 0 ? Math.floor(random() * 180) : 0
    for (let n = 0; n < termCount; n++) words.push(pick(terms))
    for (let n = 0; n < fillerCount; n++) words.push(pick(filler))
    for (let n = words.length - 1; n > 0; n--) {
      const j = Math.floor(random() * (n + 1))
      ;[words[n], words[j]] = [words[j]!, words[n]!]
    }
    docs.push(words.join(' '))
  }
  return docs
}
