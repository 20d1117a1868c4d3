import { hashDocument } from './hash-features.ts'
import { MEDIA_TOPICS } from './media-topics.ts'
import { TagOptions } from './options.ts'
import { scoreHashedDocument } from './score-topics.ts'
import { loadTopicModel } from './topic-model.ts'
import type { TopicModel, TopicScore } from './types.ts'

/** An article to tag: its body and, when known, its headline. */
export interface TopicArticle {
  text: string
  title?: string | undefined
}

/**
 * Tags an article with every top-level IPTC Media Topic that applies (score >= threshold), best
 * first; the best topic is kept even below the threshold when it reaches `minTopScore`.
 * Uses the shipped model unless one is given.
 */
export function tagTopics(article: TopicArticle, options: TagOptions = {}, model?: TopicModel): TopicScore[] {
  const { threshold, minTopScore, maxTopics } = TagOptions.parse(options)
  const scores = scoreHashedDocument(model ?? loadTopicModel(), hashDocument(article.text, article.title))
  const ranked = MEDIA_TOPICS.map((topic, i) => ({
    code: topic.code,
    label: topic.label,
    score: Math.round(scores[i]! * 10_000) / 10_000,
  })).sort((a, b) => b.score - a.score)
  const kept = ranked.filter((t, i) => t.score >= threshold || (i === 0 && t.score >= minTopScore))
  return kept.slice(0, maxTopics)
}
