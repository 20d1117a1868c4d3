import { slugify } from './slugify.ts'
import type { Entity, Mention } from './types.ts'

interface Group {
  entity: Entity
  /** lowercased name parts, for surname and short-form matching */
  parts: Set<string>
  last: number
}

const nameParts = (name: string) =>
  name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)

/**
 * Groups mentions into entities and rewrites each mention's name and id to its entity's.
 * People: a mention whose name parts all occur in an earlier person ("Putin" after "Vladimir
 * Putin") joins the most recent such person; a fuller name after a short one upgrades it.
 */
export function groupEntities(mentions: Mention[], text: string, title = ''): Entity[] {
  const groups: Group[] = []
  const byId = new Map<string, Group>()
  const owner: Group[] = []
  mentions.forEach((m, index) => {
    let group = m.type === 'person' ? findPerson(groups, nameParts(m.name)) : byId.get(m.id)
    if (!group) {
      const entity: Entity = {
        type: m.type,
        name: m.name,
        id: m.id,
        mentions: 0,
        salience: 0,
        firstStart: m.start,
      }
      if (m.country) entity.country = m.country
      group = { entity, parts: new Set(nameParts(m.name)), last: index }
      groups.push(group)
      byId.set(m.id, group)
    } else if (m.type === 'person' && nameParts(m.name).length > group.parts.size) {
      // The fuller name becomes canonical: "Putin ... Vladimir Putin" is Vladimir Putin.
      group.entity.name = m.name
      group.entity.id = `person:${slugify(m.name)}`
      group.parts = new Set(nameParts(m.name))
    }
    group.entity.mentions++
    group.last = index
    owner[index] = group
  })
  mentions.forEach((m, i) => {
    const e = (owner[i] as Group).entity
    m.name = e.name
    m.id = e.id
  })
  scoreSalience(
    groups.map((g) => g.entity),
    mentions,
    text.length,
    title,
  )
  return groups.map((g) => g.entity).sort((a, b) => b.salience - a.salience || a.firstStart - b.firstStart)
}

function findPerson(groups: Group[], parts: string[]): Group | undefined {
  let best: Group | undefined
  for (const g of groups) {
    if (g.entity.type !== 'person') continue
    const subset = parts.every((p) => g.parts.has(p))
    const superset = [...g.parts].every((p) => parts.includes(p))
    if ((subset || superset) && (!best || g.last > best.last)) best = g
  }
  return best
}

/** Salience in [0, 1]: half frequency, a third how early, the rest whether the title names it. */
function scoreSalience(entities: Entity[], mentions: Mention[], length: number, title: string): void {
  const max = Math.max(1, ...entities.map((e) => e.mentions))
  const lowerTitle = title.toLowerCase()
  const inTitle = new Set<string>()
  if (lowerTitle) for (const m of mentions) if (lowerTitle.includes(m.text.toLowerCase())) inTitle.add(m.id)
  for (const e of entities) {
    const frequency = e.mentions / max
    const position = 1 - e.firstStart / Math.max(1, length)
    const titled =
      inTitle.has(e.id) || (lowerTitle !== '' && lowerTitle.includes(e.name.toLowerCase())) ? 1 : 0
    e.salience = Math.round((0.5 * frequency + 0.33 * position + 0.17 * titled) * 1000) / 1000
  }
}
