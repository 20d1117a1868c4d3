import { ExtractedArticle, eventTypes, TaggedArticle, topicsWithPrefix } from '@copydesk/contracts'
import { enrichArticle, findEntities, tagArticleTopics, warmUpEnrichers } from '@copydesk/pipeline/enrich'
import { defineStage, loadConfig, runStage } from '@copydesk/stream'
import { EnrichConfig } from './config.ts'

const config = loadConfig(EnrichConfig)
const topics = topicsWithPrefix(config.TOPIC_PREFIX)

await runStage(
  defineStage({
    name: 'enrich',
    from: { topic: topics.extracted, schema: ExtractedArticle },
    to: { topic: topics.tagged, schema: TaggedArticle, eventType: eventTypes.tagged },
    open: () => warmUpEnrichers(),
    handle: (article) => ({
      key: article.articleId,
      value: enrichArticle(article, { findEntities, tagTopics: tagArticleTopics }),
    }),
  }),
  config,
)
