import { DedupedArticle, decodeEvent, type PipelineVersion } from '@copydesk/contracts'
import { buildRecord, recordLine } from '@copydesk/pipeline/archive'
import type { RecoveredLine } from '@copydesk/pipeline/batch-writer'
import { type createKafka, readRange } from '@copydesk/stream'

/**
 * The batch-file lines of a partition's records in [from, to), rebuilt from the archive's input
 * topic: records are built deterministically, so the lines are the bytes the archive wrote for them
 * (and their objects are already in the store). A record that is not a valid article was
 * dead-lettered, not archived, and is left out as it was then.
 */
export function recoverLines(
  kafka: ReturnType<typeof createKafka>,
  pipeline: PipelineVersion,
  log: () => { info: (fields: object, message: string) => void } | undefined,
) {
  return async (topic: string, partition: number, from: string, to: string): Promise<RecoveredLine[]> => {
    const lines: RecoveredLine[] = []
    await readRange(kafka, {
      topic,
      partitions: [partition],
      from: new Map([[partition, from]]),
      to: new Map([[partition, to]]),
      onRecords: (records) => {
        for (const r of records) {
          let article: DedupedArticle
          try {
            article = decodeEvent(DedupedArticle, r.value)
          } catch {
            continue
          }
          lines.push({
            offset: r.offset,
            timestampMs: r.timestamp,
            line: recordLine(buildRecord(article, pipeline)),
          })
        }
      },
    })
    log()?.info({ topic, partition, from, to, lines: lines.length }, 'batch file rebuilt from the input')
    return lines
  }
}
