// Deterministic made-up wire stories and the copies outlets make of them, for tests: no real text.
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ter',
  'san',
  'vo',
  'ril',
  'den',
  'pa',
  'qui',
  'nor',
  'bel',
  'ux',
  'tam',
  'fe',
  'gor',
]

function random(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function word(rnd: () => number): string {
  const n = 1 + Math.floor(rnd() * 3)
  let w = ''
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]
  return w
}

function sentence(rnd: () => number): string {
  const n = 12 + Math.floor(rnd() * 12)
  const words = Array.from({ length: n }, () => word(rnd))
  const first = words[0]!
  words[0] = first[0]!.toUpperCase() + first.slice(1)
  return `${words.join(' ')}.`
}

/** A story: a headline and `paragraphs` paragraphs of two or three sentences. */
export function makeStory(seed: number, paragraphs = 10): { title: string; paragraphs: string[] } {
  const rnd = random(seed)
  const title = sentence(rnd).replace(/\.$/, '').split(' ').slice(0, 8).join(' ')
  const body = Array.from({ length: paragraphs }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => sentence(rnd)).join(' '),
  )
  return { title, paragraphs: body }
}

/** The page text an outlet publishes: its header, the headline, the copy, teasers and footer. */
export function makePage(
  story: { title: string; paragraphs: string[] },
  outlet: string,
  opts: { title?: string; keep?: number; from?: number; teasers?: string[] } = {},
): string {
  const kept = story.paragraphs.slice(opts.from ?? 0, opts.keep ?? story.paragraphs.length)
  const lines = [outlet, 'Home | News | World | Sport | Video', opts.title ?? story.title, 'By AFP']
  kept.forEach((p, i) => {
    lines.push(p)
    if (i === 1) for (const t of opts.teasers ?? []) lines.push(`READ ALSO: ${t}`)
  })
  lines.push(`Sign up for the ${outlet} newsletter to get the news in your inbox.`)
  lines.push(`© 2024 ${outlet}. All rights reserved.`)
  return lines.join('\n\n')
}

/** Replaces every `every`-th word of the body paragraphs by another made-up word (copy-editing). */
export function editWords(text: string, every: number, seed = 7): string {
  const rnd = random(seed)
  let n = 0
  return text.replace(/[a-z]{4,}/g, (w) => (++n % every === 0 ? word(rnd) : w))
}
