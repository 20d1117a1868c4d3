import { ExtractedArticle, eventTypes, RawPage, topicsWithPrefix } from '@copydesk/contracts'
import { ingestPage } from '@copydesk/pipeline/ingest'
import { S3ObjectStore, s3OptionsFrom } from '@copydesk/storage'
import { defineStage, loadConfig, runStage } from '@copydesk/stream'
import { IngestConfig } from './config.ts'

const config = loadConfig(IngestConfig)
const stores = new Map<string, S3ObjectStore>()
const storeFor = (bucket: string) =>
  stores.get(bucket) ??
  stores.set(bucket, new S3ObjectStore({ ...s3OptionsFrom(config), bucket })).get(bucket)!
const topics = topicsWithPrefix(config.TOPIC_PREFIX)

await runStage(
  defineStage({
    name: 'ingest',
    from: { topic: topics.raw, schema: RawPage },
    to: { topic: topics.extracted, schema: ExtractedArticle, eventType: eventTypes.extracted },
    handle: async (page) => {
      const article = await ingestPage(page, {
        fetchBodyRef: (bucket, key, maxBytes) => storeFor(bucket).get(key, { maxBytes }),
        maxRefBytes: config.INGEST_MAX_REF_BYTES,
        extract: { timeoutMs: config.EXTRACT_TIMEOUT_MS },
      })
      return { key: article.articleId, value: article }
    },
    close: async () => {
      await Promise.all([...stores.values()].map((s) => s.close()))
    },
  }),
  config,
)
