const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
const TOKEN = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g

/**
 * Drops the tags nested deeper than `maxDepth` (their text stays), before the HTML parser sees
 * them. The parser keeps its open elements in an array it shifts and scans, so 100,000 nested
 * tags cost it quadratic time; bounding the depth up front bounds its work, since a synchronous
 * parse cannot be interrupted once started. Pages within the limit are returned unchanged.
 */
export function limitNesting(html: string, maxDepth: number): string {
  let depth = 0
  let deepest = 0
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    if (m[3] === undefined) continue
    const tag = m[3].toLowerCase()
    if (VOID.has(tag) || m[4] === '/') continue
    if (m[2] === '/') depth = Math.max(0, depth - 1)
    else if (++depth > deepest) deepest = depth
  }
  if (deepest <= maxDepth) return html
  const parts: string[] = []
  let last = 0
  depth = 0
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    if (m[3] === undefined) continue
    const tag = m[3].toLowerCase()
    if (VOID.has(tag) || m[4] === '/') continue
    const closing = m[2] === '/'
    const drop = closing ? depth > maxDepth : depth >= maxDepth
    depth = closing ? Math.max(0, depth - 1) : depth + 1
    if (!drop) continue
    parts.push(html.slice(last, m.index), ' ')
    last = m.index + m[0].length
  }
  parts.push(html.slice(last))
  return parts.join('')
}
