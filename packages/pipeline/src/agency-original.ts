// An agency's own site carries its original; the canonical rule of dedupe prefers it.
const AGENCY_HOSTS: Record<string, RegExp> = {
  AFP: /(^|\.)afp\.com$/,
  Reuters: /(^|\.)reuters\.com$/,
  AP: /(^|\.)apnews\.com$|(^|\.)ap\.org$/,
  Bloomberg: /(^|\.)bloomberg\.com$/,
  dpa: /(^|\.)dpa\.com$/,
  Xinhua: /(^|\.)xinhuanet\.com$|(^|\.)news\.cn$/,
  EFE: /(^|\.)efe\.com$/,
  ANSA: /(^|\.)ansa\.it$/,
  Kyodo: /(^|\.)kyodonews\.net$/,
  Yonhap: /(^|\.)yna\.co\.kr$/,
  TASS: /(^|\.)tass\.(com|ru)$/,
  PTI: /(^|\.)ptinews\.com$/,
  ANI: /(^|\.)aninews\.in$/,
  UPI: /(^|\.)upi\.com$/,
}

/** Is this page the wire agency's own publication of its story? */
export function isAgencyOriginal(url: string, agency: string | null): boolean {
  if (!agency) return false
  const pattern = AGENCY_HOSTS[agency]
  try {
    return pattern ? pattern.test(new URL(url).hostname) : false
  } catch {
    return false
  }
}
