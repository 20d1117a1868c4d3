/** Wire agencies by their usual credit, with the spellings that name them. */
const AGENCIES: Array<[name: string, pattern: string]> = [
  ['AFP', 'AFP|Agence France[- ]Presse'],
  ['Reuters', 'Reuters|REUTERS|Thomson Reuters'],
  ['AP', 'AP|Associated Press|The Associated Press'],
  ['Bloomberg', 'Bloomberg|Bloomberg News'],
  ['dpa', 'dpa|DPA|Deutsche Presse-Agentur'],
  ['Xinhua', 'Xinhua|XINHUA'],
  ['PA', 'PA|PA Media|Press Association|PA Wire'],
  ['EFE', 'EFE|Agencia EFE'],
  ['ANSA', 'ANSA'],
  ['Kyodo', 'Kyodo|KYODO|Kyodo News'],
  ['Yonhap', 'Yonhap|YONHAP|Yonhap News Agency'],
  ['TASS', 'TASS|ITAR-TASS'],
  ['PTI', 'PTI|Press Trust of India'],
  ['ANI', 'ANI|Asian News International'],
  ['UPI', 'UPI|United Press International'],
  ['IANS', 'IANS'],
  ['AAP', 'AAP|Australian Associated Press'],
  ['CP', 'The Canadian Press|Canadian Press'],
  ['Anadolu', 'Anadolu Agency|Anadolu|AA'],
  ['Interfax', 'Interfax'],
  ['Lusa', 'Lusa'],
  ['Europa Press', 'Europa Press'],
  ['Jiji', 'Jiji Press|Jiji'],
  ['NAN', 'NAN|News Agency of Nigeria'],
  ['APA', 'APA'],
  ['Belga', 'Belga'],
  ['SAPA', 'SAPA'],
]
const ALTERNATION = AGENCIES.map(([, p]) => p).join('|')
const NAME_OF = new Map<string, string>()
for (const [name, pattern] of AGENCIES)
  for (const spelling of pattern.split('|')) NAME_OF.set(spelling.toLowerCase(), name)

/** 'PARIS (AFP) –', 'BEIJING, May 17 (Xinhua) --', 'WASHINGTON, Nov 20 (Reuters) -' */
const DATELINE = new RegExp(`^[^()]{0,80}?\\((${ALTERNATION})(?:/[^)]*)?\\)\\.?\\s*(?:[-–—:]|$)`)
/** A paragraph that is only a credit: 'AFP', '— Reuters', '(AFP)', 'AFP/AFP', 'with AFP'. */
const CREDIT_LINE = new RegExp(
  `^[-–—(\\s]*(?:(?:by|with|source|via|from)\\s*:?\\s*)?(${ALTERNATION})(?:\\s*/\\s*[\\w ]+)?[)\\s.]*$`,
  'i',
)
/** A credit glued to the end of the last paragraph: '… in quantity. — AFP', '… (Reuters)'. */
const CREDIT_TAIL = new RegExp(`[.!?"”’]\\s*(?:[-–—]\\s*|\\()\\s*(?:with\\s+)?(${ALTERNATION})\\)?\\s*$`)
const COPYRIGHT = new RegExp(`(?:©|copyright|\\(c\\))\\s*(?:\\d{4}\\s*)?(?:the\\s+)?(${ALTERNATION})\\b`, 'i')
/** '(Reporting by …; Editing by …)', the closing credit of Reuters copy. */
export const REPORTING_BY = /^\(?\s*(?:Reporting|Additional reporting|Writing) by [^)]*(?:Editing by|;)/i
/** An agency named as (part of) an author: 'AFP', 'Reuters Staff', 'Tom Krisher, AP Auto Writer'. */
const AUTHOR_CREDIT = new RegExp(
  `(?:^|[\\s,/(])(${ALTERNATION})(?=$|[\\s,/)]|\\s+(?:Staff|Reporter|Writer|Correspondent|News|Auto|Business|Sports|Medical|Science|Technology|Political|Economics|Entertainment))`,
)

const ROLE =
  /\s+(?:(?:chief|senior|national|white house|auto|business|sports|medical|science|technology|political|economics|entertainment|staff|foreign)\s+)*(?:writer|reporter|correspondent|news|staff|wire|editor)s?$/i

/** Where an agency may be credited; every field is optional. */
export interface WireCreditSources {
  paragraphs?: readonly string[]
  byline?: readonly string[]
  /** author or publisher names from the page's metadata */
  authors?: readonly string[]
  /** lines just after the body that were not kept in it (copyright and credit lines) */
  trailer?: readonly string[]
}

function canonical(spelling: string | undefined): string | null {
  return spelling ? (NAME_OF.get(spelling.toLowerCase()) ?? null) : null
}

/** Is this paragraph only a wire credit ('AFP', '— Reuters')? Such lines are not body text. */
export function isCreditLine(paragraph: string): boolean {
  return paragraph.length <= 40 && CREDIT_LINE.test(paragraph.trim())
}

function fromAuthor(author: string): string | null {
  const text = author.trim()
  const whole = canonical(text.replace(/^by\s+/i, '').replace(/\s+(?:staff|news|wire)$/i, ''))
  if (whole) return whole
  // 'Tom Krisher, Ap Auto Writer': an agency as one comma part of the byline, before a role.
  for (const part of text.split(/\s*[,/|]\s*|\s+for\s+/).slice(1)) {
    const agency = canonical(part.replace(ROLE, '').trim())
    if (agency) return agency
  }
  return canonical(AUTHOR_CREDIT.exec(text)?.[1])
}

/**
 * Names the wire agency a story is credited to: from a dateline, the byline, a closing credit
 * line or a '(Reporting by …; Editing by …)' line, in that order; null when none is credited.
 */
export function detectWireAgency(sources: WireCreditSources): string | null {
  const paragraphs = sources.paragraphs ?? []
  for (const p of paragraphs.slice(0, 3)) {
    const dateline = canonical(DATELINE.exec(p)?.[1])
    if (dateline) return dateline
  }
  for (const author of [...(sources.byline ?? []), ...(sources.authors ?? [])]) {
    const agency = fromAuthor(author)
    if (agency) return agency
  }
  const tail = [...paragraphs.slice(-4), ...(sources.trailer ?? [])].reverse()
  for (const p of tail) {
    const line = p.trim()
    if (line.length <= 40) {
      const credit = canonical(CREDIT_LINE.exec(line)?.[1])
      if (credit) return credit
    }
    const glued = canonical(CREDIT_TAIL.exec(line)?.[1])
    if (glued) return glued
    const copyright = canonical(COPYRIGHT.exec(line)?.[1])
    if (copyright) return copyright
  }
  if (tail.some((p) => REPORTING_BY.test(p.trim()))) return 'Reuters'
  return null
}
