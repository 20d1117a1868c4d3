import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CopydeskError } from '@copydesk/contracts'
import type { ObjectStore, PutOptions, StoredObject } from './types.ts'

/** An ETag as S3 gives it for a single-part upload: the quoted MD5 of the bytes. */
function etagOf(bytes: Buffer): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`
}

/** The object store as a local folder, same key layout as S3, for the embedded mode. */
export class LocalFolderStore implements ObjectStore {
  readonly bucket: string
  readonly root: string

  constructor(root: string, bucket = 'local') {
    this.root = resolve(root)
    this.bucket = bucket
  }

  #path(key: string): string {
    const path = resolve(this.root, key)
    // A key must never escape the folder (`../`), whatever a record says.
    if (!path.startsWith(this.root + sep))
      throw new CopydeskError('ERR_BODY_REF', `key escapes the store: ${key}`)
    return path
  }

  uriFor(key: string): string {
    return pathToFileURL(this.#path(key)).href
  }

  async put(key: string, body: Buffer | string, options: PutOptions = {}): Promise<StoredObject | null> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
    const path = this.#path(key)
    if (options.ifAbsent && (await this.head(key))) return null
    await mkdir(dirname(path), { recursive: true })
    // Write then rename: a reader never sees half an object, and a crash leaves the old one whole.
    const tmp = `${path}.${randomUUID()}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, path)
    return { key, uri: this.uriFor(key), etag: etagOf(bytes), size: bytes.length }
  }

  async get(key: string, options: { maxBytes?: number } = {}): Promise<Buffer> {
    const path = this.#path(key)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile()) throw new CopydeskError('ERR_BODY_REF', `no object ${key} in ${this.root}`, { key })
    if (options.maxBytes !== undefined && info.size > options.maxBytes) {
      throw new CopydeskError(
        'ERR_PAGE_TOO_LARGE',
        `object ${key} is larger than the limit of ${options.maxBytes} bytes`,
        { key },
      )
    }
    return readFile(path)
  }

  async head(key: string): Promise<{ etag: string; size: number } | null> {
    const path = this.#path(key)
    const bytes = await readFile(path).catch(() => null)
    return bytes ? { etag: etagOf(bytes), size: bytes.length } : null
  }

  async list(prefix: string): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => [])
    return entries
      .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((k) => k.startsWith(prefix))
      .sort()
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true })
  }

  async close(): Promise<void> {}
}
