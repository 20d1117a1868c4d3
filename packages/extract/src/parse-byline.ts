import { decodeEntities } from './decode-entities.ts'

const ROLE_WORDS =
  /\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|journalist|bureau|desk|news|agency|press|team|photographer|updated|published|posted)\b/i
const NAME =
  /^(?:[\p{Lu}][\p{L}'’.-]*|de|da|van|von|der|del|la|le|bin|al|el|di)(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|de|da|van|von|der|del|la|le|bin|al|el|di)){1,4}$/u

/** 'TOM KRISHER' → 'Tom Krisher': bylines set in capitals by the page's style. */
function toTitleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
}

/**
 * Splits a byline ('By Jane Doe and John Roe, Reuters') into the names of people: roles,
 * agencies, dates and 'By' are dropped.
 */
export function parseByline(text: string): string[] {
  const cleaned = decodeEntities(text)
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:written\s+)?by\s*:?\s+/i, '')
    .replace(/(\p{Ll})(?:View|More|Follow|Email|Read)\b.*$/u, '$1')
    .replace(/\b(?:updated|published|posted|on|view|more|follow|email)\b.*$/i, '')
    .replace(/\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$/i, '')
    .trim()
  if (!cleaned || cleaned.length > 200) return []
  const names: string[] = []
  for (const raw of cleaned.split(/\s*(?:,|;|\||\/|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\bwith\b)\s*/i)) {
    const part = raw
      .replace(/^by\s+/i, '')
      .replace(/^[-–—•·\s]+|[-–—•·\s]+$/g, '')
      .trim()
    if (!part || ROLE_WORDS.test(part) || !NAME.test(part)) continue
    if (part === part.toUpperCase() && part.length <= 6) continue
    const name = part === part.toUpperCase() ? toTitleCase(part) : part
    if (!names.includes(name)) names.push(name)
  }
  return names
}
