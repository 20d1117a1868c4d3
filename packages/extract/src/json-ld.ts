const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|Scholarly|Tech)?Article$|^BlogPosting$|^LiveBlogPosting$|^Report$/

/** The fields of a JSON-LD article the extractor reads. */
export interface JsonLdArticle {
  headline: string | null
  authors: string[]
  datePublished: string | null
  section: string | null
  language: string | null
  url: string | null
  publisher: string | null
}

type Json = unknown

function asString(value: Json): string | null {
  if (typeof value === 'string') return value.trim() || null
  if (Array.isArray(value)) return asString(value[0])
  return null
}

function nameOf(value: Json): string | null {
  if (typeof value === 'string') return value.trim() || null
  if (value && typeof value === 'object' && !Array.isArray(value))
    return asString((value as Record<string, Json>).name)
  return null
}

function namesOf(value: Json): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list.map(nameOf).filter((n): n is string => n !== null)
}

function typesOf(node: Record<string, Json>): string[] {
  const type = node['@type']
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string')
}

/** Walks parsed JSON-LD (arrays and @graph) without recursion deeper than the data's own nesting cap. */
function collectNodes(value: Json, out: Array<Record<string, Json>>, depth: number): void {
  if (depth > 6 || !value || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, out, depth + 1)
    return
  }
  const node = value as Record<string, Json>
  out.push(node)
  if (node['@graph']) collectNodes(node['@graph'], out, depth + 1)
  if (node.mainEntity) collectNodes(node.mainEntity, out, depth + 1)
}

/** Reads the first article object of the page's JSON-LD scripts; broken scripts are skipped. */
export function readJsonLdArticle(scripts: readonly string[]): JsonLdArticle | null {
  const nodes: Array<Record<string, Json>> = []
  for (const script of scripts) {
    const text = script.replace(/^\s*(?:<!--|\/\/<!\[CDATA\[)|(?:-->|\/\/\]\]>)\s*$/g, '').trim()
    if (!text || text.length > 2_000_000) continue
    try {
      collectNodes(JSON.parse(text), nodes, 0)
    } catch {
      // Many sites ship invalid JSON-LD (trailing commas, raw newlines); the page's other metadata remains.
    }
  }
  const node = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)))
  if (!node) return null
  const entity = node.mainEntityOfPage
  const entityId =
    entity && typeof entity === 'object' && !Array.isArray(entity)
      ? asString((entity as Record<string, Json>)['@id'])
      : null
  const url = asString(node.url) ?? (typeof entity === 'string' ? entity : entityId)
  const section = node.articleSection
  return {
    headline: asString(node.headline) ?? asString(node.name),
    authors: namesOf(node.author),
    datePublished: asString(node.datePublished) ?? asString(node.dateCreated),
    section: Array.isArray(section) ? (asString(section[0]) ?? null) : asString(section),
    language: asString(node.inLanguage),
    url,
    publisher: nameOf(node.publisher),
  }
}
