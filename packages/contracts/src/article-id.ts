import { createHash } from 'node:crypto'

// Query parameters that only track the click, never select the content: dropping them makes the
// same article reached from two campaigns one article.
const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|smid|sr_share)$/i

/** Canonical form of an article URL: lower-case host, no fragment, no tracking parameters, no trailing slash. */
export function canonicalizeUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return raw.trim()
  }
  url.hash = ''
  url.hostname = url.hostname.toLowerCase()
  for (const name of [...url.searchParams.keys()])
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name)
  url.searchParams.sort()
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443'))
    url.port = ''
  let out = url.toString()
  if (url.pathname.length > 1 && out.endsWith('/') && url.search === '') out = out.slice(0, -1)
  return out
}

/** The stable id of an article: the first 32 hex digits of sha256 of its canonical URL. */
export function articleIdFor(url: string): string {
  return createHash('sha256').update(canonicalizeUrl(url)).digest('hex').slice(0, 32)
}
