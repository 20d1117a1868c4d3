import type { DedupedArticle, TaggedArticle } from '@copydesk/contracts'
import { isAgencyOriginal } from './agency-original.ts'
import { bodyText } from './body-text.ts'
import type { AssignCluster } from './ports.ts'

/** The dedupe stage: a tagged article with its place in a wire-copy cluster (marked, never dropped). */
export async function dedupeArticle(
  article: TaggedArticle,
  deps: { assignCluster: AssignCluster },
): Promise<DedupedArticle> {
  const result = await deps.assignCluster({
    articleId: article.articleId,
    text: bodyText(article),
    title: article.title,
    ts: article.fetchedAt,
    wireAgency: article.wireAgency,
    agencyOriginal: isAgencyOriginal(article.canonicalUrl, article.wireAgency),
  })
  return {
    ...article,
    dedupe: {
      clusterId: result.clusterId,
      duplicateOf: result.duplicateOf,
      kind: result.kind,
      similarity: Math.round(result.similarity * 1e4) / 1e4,
    },
  }
}
