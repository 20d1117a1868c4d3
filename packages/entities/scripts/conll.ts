import { readFileSync } from 'node:fs'

/** One CoNLL-2003 document rebuilt as text: tokens space-joined, sentences on their own lines. */
export interface ConllDoc {
  text: string
  /** gold tokens with character offsets into `text` and their IOB2 tag */
  tokens: { text: string; start: number; end: number; tag: string; sentence: number }[]
}

/** Reads a CoNLL-2003 file (word POS chunk NER per line) into documents split at -DOCSTART-. */
export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = []
  let sentences: { word: string; tag: string }[][] = []
  let current: { word: string; tag: string }[] = []
  const flushSentence = () => {
    if (current.length) sentences.push(current)
    current = []
  }
  const flushDoc = () => {
    flushSentence()
    if (sentences.length) docs.push(buildDoc(sentences))
    sentences = []
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(' ')
    if (parts[0] === '-DOCSTART-') flushDoc()
    else if (!line.trim()) flushSentence()
    else current.push({ word: parts[0] as string, tag: parts[parts.length - 1] as string })
  }
  flushDoc()
  return docs
}

function buildDoc(sentences: { word: string; tag: string }[][]): ConllDoc {
  let text = ''
  const tokens: ConllDoc['tokens'] = []
  sentences.forEach((sentence, s) => {
    if (s > 0) text += '\n'
    sentence.forEach((tok, i) => {
      if (i > 0) text += ' '
      tokens.push({
        text: tok.word,
        start: text.length,
        end: text.length + tok.word.length,
        tag: tok.tag,
        sentence: s,
      })
      text += tok.word
    })
  })
  return { text, tokens }
}

/** Gold entity spans as "start:end:LABEL" character keys. */
export function goldSpans(doc: ConllDoc): { start: number; end: number; label: string }[] {
  const spans: { start: number; end: number; label: string }[] = []
  let open: { start: number; end: number; label: string } | undefined
  for (const t of doc.tokens) {
    const [bio, label] = t.tag.split('-') as [string, string | undefined]
    if (bio === 'I' && open && open.label === label) {
      open.end = t.end
      continue
    }
    if (open) spans.push(open)
    open = label ? { start: t.start, end: t.end, label } : undefined
  }
  if (open) spans.push(open)
  return spans
}
