import { growTyped } from './typed-grow.ts'
import type { CanonicalRank } from './types.ts'

/**
 * Clusters of the memory store, by number: name (the first member's article id), member count and
 * the canonical member's rank. A cluster's number is reused once its last member left the window.
 */
export class ClusterTable {
  private names: string[] = []
  private canonIds: string[] = []
  private canonAgency = new Uint8Array(1024)
  private canonTs = new Float64Array(1024)
  private canonSize = new Uint32Array(1024)
  private members = new Uint32Array(1024)
  private readonly free: number[] = []

  get byteLength(): number {
    return (
      this.canonAgency.byteLength +
      this.canonTs.byteLength +
      this.canonSize.byteLength +
      this.members.byteLength
    )
  }

  /** Opens a cluster named after its first member, which is also its canonical article. */
  create(firstArticleId: string, rank: CanonicalRank): number {
    let c = this.free.pop()
    if (c === undefined) {
      c = this.names.length
      if (c >= this.members.length) this.resize(this.members.length * 2)
    }
    this.names[c] = firstArticleId
    this.members[c] = 1
    this.setCanonical(c, rank)
    return c
  }

  name(c: number): string {
    return this.names[c]!
  }

  canonicalId(c: number): string {
    return this.canonIds[c]!
  }

  rank(c: number): CanonicalRank {
    return {
      agencyOriginal: this.canonAgency[c] === 1,
      ts: this.canonTs[c]!,
      size: this.canonSize[c]!,
      articleId: this.canonIds[c]!,
    }
  }

  setCanonical(c: number, rank: CanonicalRank): void {
    this.canonIds[c] = rank.articleId
    this.canonAgency[c] = rank.agencyOriginal ? 1 : 0
    this.canonTs[c] = rank.ts
    this.canonSize[c] = rank.size
  }

  addMember(c: number): void {
    this.members[c] = this.members[c]! + 1
  }

  /** Drops one member; the cluster is freed with its last one. */
  removeMember(c: number): void {
    const left = this.members[c]! - 1
    this.members[c] = left
    if (left === 0) {
      this.names[c] = ''
      this.canonIds[c] = ''
      this.free.push(c)
    }
  }

  private resize(n: number): void {
    this.canonAgency = growTyped(this.canonAgency, n)
    this.canonTs = growTyped(this.canonTs, n)
    this.canonSize = growTyped(this.canonSize, n)
    this.members = growTyped(this.members, n)
  }
}
