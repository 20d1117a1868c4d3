import { expect } from 'vitest'
import type { ObjectStore } from '../src/types.ts'

/**
 * What every ObjectStore must do with `ifMatch` and `metadata`: a write over the version named
 * succeeds, one over a version that is gone or replaced returns null, and `head` shows the
 * metadata of the last write. Leaves `key` holding 'one\ntwo' with metadata { lines: '2' }.
 */
export async function expectCompareAndSwap(store: ObjectStore, key: string): Promise<void> {
  const first = await store.put(key, 'one', { metadata: { lines: '1' } })
  expect(await store.head(key)).toEqual({ etag: first!.etag, size: 3, metadata: { lines: '1' } })
  const second = await store.put(key, 'one\ntwo', { ifMatch: first!.etag, metadata: { lines: '2' } })
  expect(second).not.toBeNull()
  // A writer that read the first version loses: its write would replace the second.
  expect(await store.put(key, 'one', { ifMatch: first!.etag })).toBeNull()
  expect(await store.put(`${key}.missing`, 'x', { ifMatch: first!.etag })).toBeNull()
  expect(await store.head(key)).toEqual({ etag: second!.etag, size: 7, metadata: { lines: '2' } })
}
