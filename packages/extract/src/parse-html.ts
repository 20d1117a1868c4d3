import { CopydeskError } from '@copydesk/contracts'
import { Parser } from 'htmlparser2'
import { limitNesting } from './limit-nesting.ts'

/** One element of the compact tree the extractor scores; text children are plain strings. */
export interface HtmlElement {
  tag: string
  attrs: Record<string, string>
  children: HtmlNode[]
  parent: HtmlElement | null
  /** set by the scorer: dropped as boilerplate */
  removed: boolean
  /** set by the scorer: readability-style content score */
  score: number
  /** set by the scorer: visible text length, and the part of it inside links */
  textLen: number
  linkLen: number
}
export type HtmlNode = HtmlElement | string

/** The parsed page: its body tree and what the head and scripts say about it. */
export interface ParsedHtml {
  root: HtmlElement
  title: string
  lang: string | null
  metas: Array<{ key: string; content: string }>
  links: Array<{ rel: string; href: string }>
  jsonLd: string[]
}

export interface ParseLimits {
  maxDepth: number
  maxElements: number
  deadline: number
}

/** Subtrees that never hold article text; their content is dropped while parsing. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'select',
  'button',
  'textarea',
  'title',
  'video',
  'audio',
  'map',
  'dialog',
])
const CHUNK = 256 * 1024

function makeElement(tag: string, attrs: Record<string, string>, parent: HtmlElement | null): HtmlElement {
  return { tag, attrs, children: [], parent, removed: false, score: 0, textLen: 0, linkLen: 0 }
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs) return true
  const style = attrs.style
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
}

/** Open elements at which parsing starts over on a depth-limited copy of the page. */
const MAX_OPEN = 2000
/** Tag nesting kept by that copy; real pages stay far below it, unclosed <p> and <li> included. */
const MAX_RAW_DEPTH = 1500

class TooDeep extends Error {}

/**
 * Parses HTML into a tree bounded in depth and size. Elements deeper than `maxDepth` are
 * flattened into their ancestor, so no later walk can overflow the stack however deep the input
 * nests; the parser is fed in chunks so the time budget is checked while it runs. htmlparser2
 * keeps its open elements in an array it shifts and scans, so 100,000 nested tags would cost it
 * quadratic time: past MAX_OPEN open elements the parse stops and restarts on a copy whose
 * deeper tags are dropped up front (a synchronous parse cannot be interrupted by a timer).
 */
export function parseHtml(html: string, limits: ParseLimits): ParsedHtml {
  try {
    return parseBounded(html, limits, MAX_OPEN)
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err
    return parseBounded(limitNesting(html, MAX_RAW_DEPTH), limits, Number.POSITIVE_INFINITY)
  }
}

function parseBounded(html: string, limits: ParseLimits, maxOpen: number): ParsedHtml {
  const root = makeElement('#root', {}, null)
  const out: ParsedHtml = { root, title: '', lang: null, metas: [], links: [], jsonLd: [] }
  let current = root
  let depth = 0
  let flattened = 0
  let elements = 0
  let skip = 0
  let capture: 'title' | 'jsonld' | null = null
  let captured = ''

  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (depth + flattened + skip >= maxOpen) throw new TooDeep()
        if (tag === 'meta') {
          const key = attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv']
          if (key && attrs.content !== undefined)
            out.metas.push({ key: key.toLowerCase(), content: attrs.content })
          return
        }
        if (tag === 'link') {
          if (attrs.rel && attrs.href) out.links.push({ rel: attrs.rel.toLowerCase(), href: attrs.href })
          return
        }
        if (tag === 'html' && attrs.lang && !out.lang) out.lang = attrs.lang
        if (tag === 'title' && !out.title) capture = 'title'
        if (tag === 'script' && /ld\+json/i.test(attrs.type ?? '')) capture = 'jsonld'
        if (skip > 0) {
          skip++
          return
        }
        if (SKIPPED.has(tag) || isHidden(attrs)) {
          skip = 1
          return
        }
        if (depth >= limits.maxDepth || elements >= limits.maxElements) {
          flattened++
          return
        }
        elements++
        depth++
        const el = makeElement(tag, attrs, current)
        current.children.push(el)
        current = el
      },
      ontext(text) {
        if (capture) captured += text
        if (skip > 0) return
        const kids = current.children
        const last = kids.length - 1
        if (last >= 0 && typeof kids[last] === 'string') kids[last] += text
        else kids.push(text)
      },
      onclosetag(tag) {
        if (tag === 'meta' || tag === 'link') return
        if (capture) {
          if (capture === 'title' && tag === 'title') out.title = captured.trim()
          if (capture === 'jsonld' && tag === 'script') out.jsonLd.push(captured)
          if (tag === 'title' || tag === 'script') {
            capture = null
            captured = ''
          }
        }
        if (skip > 0) {
          skip--
          return
        }
        if (flattened > 0) {
          flattened--
          return
        }
        if (current.parent) {
          current = current.parent
          depth--
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  for (let i = 0; i < html.length; i += CHUNK) {
    parser.write(html.slice(i, i + CHUNK))
    if (performance.now() > limits.deadline) {
      throw new CopydeskError('ERR_EXTRACT_TIMEOUT', 'HTML parsing exceeded the time budget', {
        parsedChars: i + CHUNK,
      })
    }
  }
  parser.end()
  return out
}
