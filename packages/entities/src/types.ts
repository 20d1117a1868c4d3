/** The kinds of entity copydesk reports. */
export const EntityType = {
  person: 'person',
  organisation: 'organisation',
  country: 'country',
  location: 'location',
} as const
export type EntityType = (typeof EntityType)[keyof typeof EntityType]

/** One occurrence of an entity in the body, with character offsets (end exclusive). */
export interface Mention {
  type: EntityType
  /** canonical name of the entity this mention belongs to */
  name: string
  /** ISO 3166-1 alpha-2 for countries; `person:…`, `org:…`, `place:<cc>:…` slugs otherwise */
  id: string
  start: number
  end: number
  /** the text exactly as it stands in the body */
  text: string
  /** ISO 3166-1 alpha-2 of the country a place or a demonym points at, when known */
  country?: string
}

/** One real-world thing named by the article, with its mentions grouped. */
export interface Entity {
  type: EntityType
  name: string
  id: string
  /** for a place: the ISO 3166-1 alpha-2 of its country, when known */
  country?: string
  mentions: number
  /** 0..1: earlier, more frequent and title mentions score higher */
  salience: number
  /** first mention's offset into the body */
  firstStart: number
}

/** What `extractEntities` returns for one body. */
export interface EntitiesResult {
  mentions: Mention[]
  entities: Entity[]
}

/** One token of the body, with offsets; `sentStart` marks the first token of a sentence or line. */
export interface Token {
  text: string
  start: number
  end: number
  sentStart: boolean
}

/** NER tags in BIO form; MISC is predicted (it keeps demonyms and events apart) but not reported. */
export const Tags = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const
export type Tag = (typeof Tags)[number]

/** A typed span over tokens [start, end) as the tagger found it. */
export interface TokenSpan {
  label: 'PER' | 'ORG' | 'LOC' | 'MISC'
  start: number
  end: number
}
