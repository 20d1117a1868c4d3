const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i
const NAMED_MDY = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/
const NAMED_DMY = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b/
const TIME = /\b(\d{1,2}):(\d{2})\s*([ap])\.?m\.?(?:\s+([A-Z]{2,4})\b)?/i
/** UTC offsets of the zone abbreviations news pages print beside times. */
const ZONES: Record<string, string> = {
  UTC: 'Z',
  GMT: 'Z',
  Z: 'Z',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  WAT: '+01:00',
  EAT: '+03:00',
  IST: '+05:30',
  JST: '+09:00',
  KST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  SAST: '+02:00',
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function formatOffset(raw: string): string {
  if (raw.toUpperCase() === 'Z') return 'Z'
  const digits = raw.replace(':', '')
  return `${digits.slice(0, 3)}:${digits.slice(3, 5)}`
}

function isValidDay(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

/**
 * Normalises a date as pages write it to ISO 8601: the page's own offset is kept when given,
 * a date without time stays a date; returns null when no date can be read.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null
  const text = value.trim()
  const iso = ISO.exec(text)
  if (iso) {
    const [, y, mo, d, h, mi, s, off] = iso
    if (!isValidDay(Number(y), Number(mo), Number(d))) return null
    if (h === undefined) return `${y}-${mo}-${d}`
    return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${off ? formatOffset(off) : ''}`
  }
  return parseNamedDate(text)
}

/** Reads 'May 17, 2024', '17 May 2024' and an optional '1:39 am' after them. */
export function parseNamedDate(text: string): string | null {
  let y: number
  let m: number | undefined
  let d: number
  const mdy = NAMED_MDY.exec(text)
  const dmy = mdy ? null : NAMED_DMY.exec(text)
  if (mdy) {
    m = MONTHS[mdy[1]!.slice(0, 3).toLowerCase()]
    d = Number(mdy[2])
    y = Number(mdy[3])
  } else if (dmy) {
    m = MONTHS[dmy[2]!.slice(0, 3).toLowerCase()]
    d = Number(dmy[1])
    y = Number(dmy[3])
  } else {
    return null
  }
  if (m === undefined || !isValidDay(y, m, d)) return null
  const date = `${y}-${pad(m)}-${pad(d)}`
  const time = TIME.exec(text)
  if (!time) return date
  let hour = Number(time[1]) % 12
  if (time[3]!.toLowerCase() === 'p') hour += 12
  const zone = time[4] ? (ZONES[time[4].toUpperCase()] ?? '') : ''
  return `${date}T${pad(hour)}:${time[2]}:00${zone}`
}
