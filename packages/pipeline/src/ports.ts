import type { DedupeResult, Entity, Topic } from '@copydesk/contracts'

/** Finds the entities of a body (paragraphs joined by a blank line), given its title. */
export type FindEntities = (body: string, title: string) => Entity[]

/** Tags a body with IPTC Media Topics, by score descending. */
export type TagTopics = (body: string, title: string) => Topic[]

/** What the dedupe stage needs of an article. */
export interface DedupeInput {
  articleId: string
  text: string
  title: string
  /** arrival time: the fetch time, so that a replay decides the same way */
  ts: string
  wireAgency: string | null
  /** the page is the wire agency's own publication of the story */
  agencyOriginal?: boolean
}

/** Assigns an article to a wire-copy cluster; idempotent by article id. */
export type AssignCluster = (input: DedupeInput) => Promise<DedupeResult>
