// The most frequent function words of a few languages; a body of news prose hits dozens of them.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'on', 'he', 'it', 'by', 'said'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'que', 'pour', 'du', 'qui', 'pas', 'sur', 'au'],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'mit',
    'den',
    'ein',
    'eine',
    'auch',
    'sich',
    'auf',
    'für',
    'dem',
  ],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'del', 'en', 'por', 'una', 'con', 'para', 'es', 'se', 'al'],
  pt: ['o', 'a', 'os', 'que', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'dos'],
  it: [
    'il',
    'di',
    'che',
    'la',
    'per',
    'un',
    'del',
    'della',
    'non',
    'sono',
    'una',
    'con',
    'gli',
    'nel',
    'anche',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'dat',
    'niet',
    'op',
    'zijn',
    'met',
    'voor',
    'ook',
    'aan',
    'er',
    'bij',
  ],
}
const LOOKUP = new Map<string, string[]>()
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang])
}

/** Guesses the language of prose from function words; null when the sample is too small or unclear. */
export function guessLanguage(text: string): string | null {
  const counts = new Map<string, number>()
  let total = 0
  for (const word of text
    .slice(0, 20_000)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    const langs = LOOKUP.get(word)
    if (!langs) continue
    total++
    for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1)
  }
  if (total < 10) return null
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1])
  const [best, second] = ranked
  if (!best || (second && second[1] > best[1] * 0.8)) return null
  return best[0]
}
