import type {
  Candidate,
  CommitOutcome,
  DedupeResult,
  DuplicateKind,
  SettleWrite,
  StoreSnapshot,
  StoreWrite,
} from './types.ts'

/** What READ saw, checked by COMMIT: the exact key's holder and the store's commit counter. */
export interface RedisVersion {
  exact: string
  /** the store's commit counter as READ saw it */
  sum: string
}

/** One article's READ reply as a snapshot (`settle`: what READ may have committed at once). */
export function toSnapshot(articleId: string, reply: unknown[], settle?: SettleWrite): StoreSnapshot {
  if (Number(reply[0]) === 3) {
    const kind = String(reply[3]) as DuplicateKind
    const previous: DedupeResult = {
      articleId,
      clusterId: String(reply[1]),
      duplicateOf: String(reply[2]) === '' ? null : String(reply[2]),
      kind,
      similarity: kind === 'exact' ? 1 : 0,
    }
    if (settle?.wireAgency !== undefined) previous.wireAgency = settle.wireAgency
    return { previous, exact: null, candidates: [], version: null }
  }
  if (Number(reply[0]) === 1) {
    return {
      previous: toResult(articleId, reply[1] as (Buffer | null)[]),
      exact: null,
      candidates: [],
      version: null,
    }
  }
  const exactRaw = reply[1] ? String(reply[1]) : ''
  const exactCluster = reply[2] ? String(reply[2]) : ''
  const candidates: Candidate[] = (reply[4] as Buffer[][]).map((row) => {
    const sketch = toU32(row[3])
    return {
      articleId: String(row[0]),
      sharedKeys: Number(row[1]),
      clusterId: String(row[2]),
      sketch,
      sketchMax: sketch.length === 0 ? 0 : sketch[sketch.length - 1]!,
      size: Number(String(row[4])),
      leadKeys: toU32(row[5]),
      composite: String(row[6]) === '1',
    }
  })
  const exact =
    exactRaw !== '' && exactCluster !== '' ? { articleId: exactRaw, clusterId: exactCluster } : null
  const version: RedisVersion = { exact: exactRaw, sum: String(reply[3]) }
  return { previous: null, exact, candidates, version }
}

/** One article's COMMIT reply as an outcome. */
export function toOutcome(write: StoreWrite, reply: unknown[]): CommitOutcome {
  const status = Number(reply[0])
  if (status === 2) return { status: 'conflict' }
  if (status === 1)
    return { status: 'committed', result: toResult(write.articleId, reply[1] as (Buffer | null)[]) }
  const result: DedupeResult = {
    articleId: write.articleId,
    clusterId: String(reply[1]),
    duplicateOf: String(reply[2]) === '' ? null : String(reply[2]),
    kind: write.kind,
    similarity: Math.round(write.similarity * 1000) / 1000,
  }
  if (write.wireAgency !== undefined) result.wireAgency = write.wireAgency
  return { status: 'committed', result }
}

function toResult(articleId: string, fields: (Buffer | null)[]): DedupeResult {
  const [cluster, kind, similarity, dupOf, agency] = fields.map((f) => (f === null ? '' : String(f)))
  const result: DedupeResult = {
    articleId,
    clusterId: cluster ?? articleId,
    duplicateOf: dupOf === undefined || dupOf === '' ? null : dupOf,
    kind: (kind || 'unique') as DuplicateKind,
    similarity: Math.round(Number(similarity) * 1000) / 1000,
  }
  if (agency !== undefined && agency !== '') result.wireAgency = agency
  return result
}

/** The bytes of a u32 array (little-endian, no copy). */
export function fromU32(values: Uint32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength)
}

function toU32(buf: unknown): Uint32Array {
  if (!Buffer.isBuffer(buf) || buf.length === 0) return new Uint32Array(0)
  const copy = new Uint32Array(buf.length >>> 2)
  new Uint8Array(copy.buffer).set(buf.subarray(0, copy.length * 4))
  return copy
}
