import { AgencyTable } from './agency-table.ts'
import { AnchorIndex } from './anchor-index.ts'
import { isBetterCanonical } from './canonical-rank.ts'
import { ClusterTable } from './cluster-table.ts'
import { hashString32 } from './hash.ts'
import { StoreOptions, type StoreOptionsInput } from './options.ts'
import { SlotQueue } from './slot-queue.ts'
import { growTyped } from './typed-grow.ts'
import type {
  Candidate,
  CommitOutcome,
  DedupeResult,
  DuplicateKind,
  Fingerprint,
  StoreQuery,
  StoreSnapshot,
  StoreWrite,
  SyncDedupeStore,
} from './types.ts'
import { U32MultiMap } from './u32-multimap.ts'

const DAY_MS = 86_400_000
const KINDS: readonly DuplicateKind[] = ['unique', 'exact', 'near']
// The most candidates one read returns (DedupeOptions caps maxCandidates at 64 too).
const MAX_CANDIDATES = 64

/**
 * Dedupe state in one process: typed arrays indexed by slot (sketch, size, time, cluster), a
 * chained anchor index and open-addressing tables, so a million articles cost a few hundred bytes
 * each rather than a JS object each. Articles leave oldest first, by window or by count.
 */
export class MemoryStore implements SyncDedupeStore {
  private readonly opts: StoreOptions
  private version = 0
  private capacity = 0
  private readonly free: number[] = []
  private readonly queue = new SlotQueue()
  private readonly index: AnchorIndex
  private readonly byId = new U32MultiMap(1024)
  private readonly byExact = new U32MultiMap(1024)
  private readonly clusters = new ClusterTable()
  private ids: (string | undefined)[] = []
  private dupOf: (string | null)[] = []
  private exactLo = new Uint32Array(0)
  private exactHi = new Uint32Array(0)
  /** low 16 bits of the bottom-k sketch, sorted by those bits; `sketchMax` keeps the full τ */
  private sketch = new Uint16Array(0)
  private sketchMax = new Uint32Array(0)
  private size = new Uint32Array(0)
  /** seconds since the epoch: enough to order evictions, half the bytes of milliseconds */
  private ts = new Uint32Array(0)
  private clusterOf = new Uint32Array(0)
  /** bits 0-1 kind, bit 2 composite, bits 3-7 lead key count */
  private flags = new Uint8Array(0)
  private similarity = new Uint16Array(0)
  private agencyOf = new Uint8Array(0)
  private readonly agencies = new AgencyTable()
  private newestTs = Number.NEGATIVE_INFINITY
  private lastId = ''
  private lastIdHash = hashString32('')
  private readonly foundSlots = new Uint32Array(MAX_CANDIDATES)
  private readonly foundShared = new Uint32Array(MAX_CANDIDATES)

  constructor(options: StoreOptionsInput = {}) {
    this.opts = StoreOptions.parse(options)
    this.index = new AnchorIndex(this.opts.anchorsPerArticle, 0)
    this.grow(Math.min(1024, this.opts.maxArticles))
  }

  /** articles in the window */
  get articleCount(): number {
    return this.queue.length
  }

  /** bytes held by typed arrays (strings and JS arrays of pointers are not counted here) */
  get typedByteLength(): number {
    const own = [
      this.exactLo,
      this.exactHi,
      this.sketch,
      this.sketchMax,
      this.size,
      this.ts,
      this.clusterOf,
      this.flags,
      this.agencyOf,
    ]
    return (
      own.reduce((sum, a) => sum + a.byteLength, this.similarity.byteLength) +
      this.index.byteLength +
      this.byId.byteLength +
      this.byExact.byteLength +
      this.clusters.byteLength +
      this.queue.byteLength
    )
  }

  async read(articleId: string, fp: Fingerprint, query: StoreQuery): Promise<StoreSnapshot> {
    return this.readSync(articleId, fp, query)
  }

  async commit(write: StoreWrite, snapshot: StoreSnapshot): Promise<CommitOutcome> {
    return this.commitSync(write, snapshot)
  }

  async close(): Promise<void> {}

  /** Synchronous `read`, for callers in the same process that want no promise per article. */
  readSync(articleId: string, fp: Fingerprint, query: StoreQuery): StoreSnapshot {
    const prevSlot = this.slotOfId(articleId)
    if (prevSlot >= 0)
      return { previous: this.resultOf(prevSlot), exact: null, candidates: [], version: this.version }
    const [lo, hi] = splitExactKey(fp.exactKey)
    const exactSlot = this.byExact.find(lo, (s) => this.exactHi[s] === hi)
    const exact =
      exactSlot >= 0
        ? { articleId: this.ids[exactSlot]!, clusterId: this.clusters.name(this.clusterOf[exactSlot]!) }
        : null
    const found = this.index.findHolders(
      fp.queryKeys,
      this.opts.postingCap,
      Math.min(query.maxCandidates, MAX_CANDIDATES),
      this.foundSlots,
      this.foundShared,
    )
    const candidates: Candidate[] = new Array(found)
    for (let i = 0; i < found; i++) {
      const slot = this.foundSlots[i]!
      candidates[i] = {
        articleId: this.ids[slot]!,
        clusterId: this.clusters.name(this.clusterOf[slot]!),
        sketchMax: this.sketchMax[slot]!,
        sketch: this.sketch.subarray(
          slot * this.opts.sketchSize,
          slot * this.opts.sketchSize + Math.min(this.size[slot]!, this.opts.sketchSize),
        ),
        size: this.size[slot]!,
        sharedKeys: this.foundShared[i]!,
        leadKeys: this.index.keysOf(slot, this.flags[slot]! >>> 3),
        composite: (this.flags[slot]! & 4) !== 0,
      }
    }
    return { previous: null, exact, candidates, version: this.version }
  }

  /** Synchronous `commit`. */
  commitSync(write: StoreWrite, snapshot: StoreSnapshot): CommitOutcome {
    if (snapshot.version !== this.version) return { status: 'conflict' }
    const existing = this.slotOfId(write.articleId)
    if (existing >= 0) return { status: 'committed', result: this.resultOf(existing) }
    this.evictFor(write.rank.ts)
    let cluster: number
    if (write.joinArticleId === null) {
      cluster = this.clusters.create(write.articleId, write.rank)
    } else {
      const joinSlot = this.slotOfId(write.joinArticleId)
      if (joinSlot < 0) return { status: 'conflict' }
      cluster = this.clusterOf[joinSlot]!
      this.clusters.addMember(cluster)
      if (isBetterCanonical(write.rank, this.clusters.rank(cluster)))
        this.clusters.setCanonical(cluster, write.rank)
    }
    const slot = this.allocate()
    this.fill(slot, write, cluster)
    this.version++
    return { status: 'committed', result: this.resultOf(slot) }
  }

  private fill(slot: number, write: StoreWrite, cluster: number): void {
    const fp = write.fingerprint
    const k = this.opts.sketchSize
    const n = Math.min(fp.sketch.length, k, write.rank.size)
    const low = this.sketch.subarray(slot * k, slot * k + n)
    for (let i = 0; i < n; i++) low[i] = fp.sketch[i]! & 0xffff
    low.sort()
    this.sketchMax[slot] = n === 0 ? 0 : fp.sketch[n - 1]!
    this.size[slot] = write.rank.size
    this.ts[slot] = toSeconds(write.rank.ts)
    this.clusterOf[slot] = cluster
    this.flags[slot] =
      KINDS.indexOf(write.kind) | (write.composite ? 4 : 0) | (Math.min(fp.leadCount, 31) << 3)
    this.similarity[slot] = Math.round(write.similarity * 1000)
    const canonical = this.clusters.canonicalId(cluster)
    this.dupOf[slot] = canonical === write.articleId ? null : canonical
    this.agencyOf[slot] = this.agencies.intern(write.wireAgency)
    this.ids[slot] = write.articleId
    this.byId.add(this.idHash(write.articleId), slot)
    const [lo, hi] = splitExactKey(fp.exactKey)
    const older = this.byExact.find(lo, (s) => this.exactHi[s] === hi)
    // One entry per exact key, pointing at the newest copy, so evicting an old copy keeps the key.
    if (older >= 0) this.byExact.replace(lo, older, slot)
    else this.byExact.add(lo, slot)
    this.exactLo[slot] = lo
    this.exactHi[slot] = hi
    this.index.insert(slot, fp.anchors, this.opts.postingCap)
    this.queue.push(slot)
    if (write.rank.ts > this.newestTs) this.newestTs = write.rank.ts
  }

  private resultOf(slot: number): DedupeResult {
    const result: DedupeResult = {
      articleId: this.ids[slot]!,
      clusterId: this.clusters.name(this.clusterOf[slot]!),
      duplicateOf: this.dupOf[slot] ?? null,
      kind: KINDS[this.flags[slot]! & 3]!,
      similarity: this.similarity[slot]! / 1000,
    }
    const agency = this.agencies.name(this.agencyOf[slot]!)
    if (agency !== undefined) result.wireAgency = agency
    return result
  }

  /** hashString32 of an id; the last one is kept, as read, commit and fill each ask for it. */
  private idHash(articleId: string): number {
    if (articleId !== this.lastId) {
      this.lastId = articleId
      this.lastIdHash = hashString32(articleId)
    }
    return this.lastIdHash
  }

  private slotOfId(articleId: string): number {
    return this.byId.find(this.idHash(articleId), (s) => this.ids[s] === articleId)
  }

  private evictFor(ts: number): void {
    const cutoff = Math.max(this.newestTs, ts) - (this.opts.windowMs ?? this.opts.windowDays * DAY_MS)
    while (this.queue.length > 0 && this.ts[this.queue.peek()]! < toSeconds(cutoff))
      this.evict(this.queue.shift())
    if (this.free.length === 0 && this.capacity >= this.opts.maxArticles) this.evict(this.queue.shift())
  }

  private evict(slot: number): void {
    this.index.remove(slot)
    const id = this.ids[slot]!
    this.byId.delete(hashString32(id), slot)
    this.byExact.delete(this.exactLo[slot]!, slot)
    this.clusters.removeMember(this.clusterOf[slot]!)
    this.ids[slot] = undefined
    this.dupOf[slot] = null
    this.free.push(slot)
  }

  private allocate(): number {
    if (this.free.length === 0) this.grow(Math.min(this.capacity * 2, this.opts.maxArticles))
    return this.free.pop()!
  }

  private grow(capacity: number): void {
    const k = this.opts.sketchSize
    this.exactHi = growTyped(this.exactHi, capacity)
    this.exactLo = growTyped(this.exactLo, capacity)
    this.sketch = growTyped(this.sketch, capacity * k)
    this.sketchMax = growTyped(this.sketchMax, capacity)
    this.size = growTyped(this.size, capacity)
    this.ts = growTyped(this.ts, capacity)
    this.clusterOf = growTyped(this.clusterOf, capacity)
    this.flags = growTyped(this.flags, capacity)
    this.similarity = growTyped(this.similarity, capacity)
    this.agencyOf = growTyped(this.agencyOf, capacity)
    this.index.resize(capacity)
    for (let s = capacity - 1; s >= this.capacity; s--) this.free.push(s)
    this.capacity = capacity
  }
}

function splitExactKey(key: string): [number, number] {
  return [parseHex32(key, 0), parseHex32(key, 8)]
}

/** Eight hex digits from `at` as an unsigned 32-bit number (no substring, no parseInt). */
function parseHex32(s: string, at: number): number {
  let v = 0
  for (let i = at; i < at + 8; i++) {
    const c = s.charCodeAt(i) | 0x20
    v = (v << 4) | (c >= 0x61 ? c - 0x57 : c - 0x30)
  }
  return v >>> 0
}

function toSeconds(ms: number): number {
  return Math.max(0, Math.min(0xffffffff, Math.floor(ms / 1000)))
}
