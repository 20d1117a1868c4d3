import type { PipelineVersion } from '@copydesk/contracts'
import { rebuildLine } from '@copydesk/pipeline/archive'
import type { RecoveredLine } from '@copydesk/pipeline/batch-writer'
import { type createKafka, readRange } from '@copydesk/stream'

/**
 * The batch-file lines of a partition's records in [from, to), rebuilt from the archive's input
 * topic (`rebuildLine`: the bytes the archive wrote for them; records that were dead-lettered are
 * left out as they were then).
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
          const line = rebuildLine(r.value, pipeline)
          if (line !== null) lines.push({ offset: r.offset, timestampMs: r.timestamp, line })
        }
      },
    })
    log()?.info({ topic, partition, from, to, lines: lines.length }, 'batch file rebuilt from the input')
    return lines
  }
}
