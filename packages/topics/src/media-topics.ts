/**
 * The 17 top-level IPTC Media Topics (codes and en-GB labels).
 * Source: IPTC Media Topic NewsCodes, http://cv.iptc.org/newscodes/mediatopic/, (c) IPTC,
 * International Press Telecommunications Council, https://iptc.org, licensed CC BY 4.0
 * (http://creativecommons.org/licenses/by/4.0/). The full top-level file with definitions is
 * data/iptc-media-topics-top.json.
 */
export const MEDIA_TOPICS = [
  { code: 'medtop:01000000', label: 'arts, culture, entertainment and media' },
  { code: 'medtop:02000000', label: 'crime, law and justice' },
  { code: 'medtop:03000000', label: 'disaster, accident and emergency incident' },
  { code: 'medtop:04000000', label: 'economy, business and finance' },
  { code: 'medtop:05000000', label: 'education' },
  { code: 'medtop:06000000', label: 'environment' },
  { code: 'medtop:07000000', label: 'health' },
  { code: 'medtop:08000000', label: 'human interest' },
  { code: 'medtop:09000000', label: 'labour' },
  { code: 'medtop:10000000', label: 'lifestyle and leisure' },
  { code: 'medtop:11000000', label: 'politics and government' },
  { code: 'medtop:12000000', label: 'religion' },
  { code: 'medtop:13000000', label: 'science and technology' },
  { code: 'medtop:14000000', label: 'society' },
  { code: 'medtop:15000000', label: 'sport' },
  { code: 'medtop:16000000', label: 'conflict, war and peace' },
  { code: 'medtop:17000000', label: 'weather' },
] as const

/** A top-level Media Topic qcode, e.g. 'medtop:11000000'. */
export type MediaTopicCode = (typeof MEDIA_TOPICS)[number]['code']

/** Position of each code in MEDIA_TOPICS, so score arrays can be indexed by topic. */
export const MEDIA_TOPIC_INDEX: ReadonlyMap<string, number> = new Map(MEDIA_TOPICS.map((t, i) => [t.code, i]))

/** Is this string one of the 17 top-level qcodes? */
export function isMediaTopicCode(value: string): value is MediaTopicCode {
  return MEDIA_TOPIC_INDEX.has(value)
}
