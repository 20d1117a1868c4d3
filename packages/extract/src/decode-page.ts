import { CopydeskError } from '@copydesk/contracts'
import type { PageFormat, RawPage } from './types.ts'

const SNIFF_BYTES = 64 * 1024

/** The page as text, with its format, after the size, emptiness and binary checks. */
export interface DecodedPage {
  text: string
  format: PageFormat
}

function pickCharset(contentType: string | undefined, head: string): string {
  const fromType = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1]
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]
  const label = (fromType ?? fromMeta ?? 'utf-8').toLowerCase()
  try {
    new TextDecoder(label)
    return label
  } catch {
    return 'utf-8'
  }
}

const JUNK = /[\x00-\x08\x0B\x0E-\x1F\x7F\uFFFD]/g

/** Share of control characters (other than tab, newline, CR, FF) and U+FFFD in a sample. */
function measureJunk(sample: string): number {
  if (sample.length === 0) return 0
  return (sample.match(JUNK)?.length ?? 0) / sample.length
}

function decodeBytes(bytes: Uint8Array, contentType: string | undefined): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048))
  // Invalid sequences become U+FFFD (never a throw); measureJunk then rejects pages made mostly of them.
  return new TextDecoder(pickCharset(contentType, head), { fatal: false }).decode(bytes)
}

function sniffFormat(text: string, contentType: string | undefined): PageFormat {
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('html') || type.includes('xml')) return 'html'
  if (type.startsWith('text/plain')) return 'text'
  // A text dump starts with words; markup starts with a tag, a doctype or a comment.
  return /^\s*<[a-z!?/]/i.test(text.slice(0, 1024)) ? 'html' : 'text'
}

/** Decodes and checks a raw page; throws a non-retryable CopydeskError for pages no article can come from. */
export function decodePage(page: RawPage, maxBytes: number): DecodedPage {
  const { body, contentType } = page
  const size = typeof body === 'string' ? body.length : body.byteLength
  // A string's UTF-8 size is at least its length, so this rejects before any copy is made.
  if (size > maxBytes) {
    throw new CopydeskError('ERR_PAGE_TOO_LARGE', `page is ${size} bytes, the limit is ${maxBytes}`, {
      size,
      maxBytes,
    })
  }
  const text = typeof body === 'string' ? body : decodeBytes(body, contentType)
  if (text.trim().length === 0) throw new CopydeskError('ERR_EMPTY_PAGE', 'page is empty', { size })
  const junk = measureJunk(text.slice(0, SNIFF_BYTES))
  if (junk > 0.05) {
    throw new CopydeskError('ERR_NOT_TEXT', `page looks binary (${(junk * 100).toFixed(1)}% control bytes)`, {
      size,
    })
  }
  return {
    text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    format: sniffFormat(text, contentType),
  }
}
