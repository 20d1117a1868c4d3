import { DedupedArticle, eventTypes, TaggedArticle, topicsWithPrefix } from '@copydesk/contracts'
import { MemoryStore, RedisStore } from '@copydesk/dedupe'
import { createAssignCluster } from '@copydesk/pipeline/create-assign-cluster'
import { dedupeArticle } from '@copydesk/pipeline/dedupe-stage'
import { defineStage, loadConfig, runStage } from '@copydesk/stream'
import { DedupeConfig } from './config.ts'

const config = loadConfig(DedupeConfig)
const windowDays = config.DEDUPE_WINDOW_DAYS
const store = config.REDIS_URL
  ? new RedisStore({ url: config.REDIS_URL, prefix: config.DEDUPE_KEY_PREFIX, windowDays })
  : new MemoryStore({ windowDays })
const assignCluster = createAssignCluster(store)
const topics = topicsWithPrefix(config.TOPIC_PREFIX)

await runStage(
  defineStage({
    name: 'dedupe',
    from: { topic: topics.tagged, schema: TaggedArticle },
    to: { topic: topics.deduped, schema: DedupedArticle, eventType: eventTypes.deduped },
    handle: async (article) => ({
      key: article.articleId,
      value: await dedupeArticle(article, { assignCluster }),
    }),
    open: ({ log }) => log.info({ store: config.REDIS_URL ? 'redis' : 'memory', windowDays }, 'dedupe state'),
    close: () => assignCluster.close(),
  }),
  config,
)
