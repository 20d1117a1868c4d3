import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { MediaTopicCode } from '../src/media-topics.ts'
import type { TrainingDocument } from '../src/types.ts'

/** BBC News (Greene & Cunningham 2006) class -> top-level Media Topic. */
export const BBC_LABELS: Record<string, MediaTopicCode> = {
  business: 'medtop:04000000',
  entertainment: 'medtop:01000000',
  politics: 'medtop:11000000',
  sport: 'medtop:15000000',
  tech: 'medtop:13000000',
}

const BbcRecord = z.object({
  id: z.string(),
  label: z.string(),
  title: z.string().optional(),
  text: z.string(),
  dup_group: z.string().optional(),
})

export interface BbcDocument extends TrainingDocument {
  id: string
  /** exact duplicates share a group; cross-validation keeps a group in one fold */
  group: string
}

/** Reads a labelled JSON Lines file (`{id,label,title?,text,dup_group?}`) and its sha256. */
export function readBbcFile(path: string): { docs: BbcDocument[]; sha256: string } {
  const bytes = readFileSync(path)
  const docs = bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const r = BbcRecord.parse(JSON.parse(line))
      const code =
        BBC_LABELS[r.label] ?? (r.label.startsWith('medtop:') ? (r.label as MediaTopicCode) : undefined)
      if (!code) throw new Error(`line ${i + 1}: unknown label '${r.label}'`)
      return {
        id: r.id,
        text: r.text,
        code,
        group: r.dup_group ?? r.id,
        ...(r.title ? { title: r.title } : {}),
      }
    })
  return { docs, sha256: createHash('sha256').update(bytes).digest('hex') }
}
