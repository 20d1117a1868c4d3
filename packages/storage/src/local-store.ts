import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CopydeskError } from '@copydesk/contracts'
import type { ObjectHead, ObjectStore, PutOptions, StoredObject } from './types.ts'

/** An ETag as S3 gives it for a single-part upload: the quoted MD5 of the bytes. */
function etagOf(bytes: Buffer): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`
}

/** Where the local store keeps an object's user metadata: beside it, hidden from `list`. */
const META_SUFFIX = '.meta.json'

/**
 * The object store as a local folder, same key layout as S3, for the embedded mode. Conditional
 * writes (ifAbsent, ifMatch) hold within one process, not between processes sharing the folder.
 */
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
    if (key.endsWith(META_SUFFIX))
      throw new CopydeskError('ERR_BODY_REF', `key ends with ${META_SUFFIX}: ${key}`)
    if (options.ifAbsent && (await this.head(key))) return null
    if (options.ifMatch !== undefined && (await this.head(key))?.etag !== options.ifMatch) return null
    await mkdir(dirname(path), { recursive: true })
    // Write then rename: a reader never sees half an object, and a crash leaves the old one whole.
    const replace = async (target: string, content: Buffer | string) => {
      const tmp = `${target}.${randomUUID()}.tmp`
      await writeFile(tmp, content)
      await rename(tmp, target)
    }
    // The old metadata goes first and the new comes after the bytes: a crash in between leaves an
    // object whose metadata is missing, never metadata that describes other bytes.
    await rm(`${path}${META_SUFFIX}`, { force: true })
    await replace(path, bytes)
    if (options.metadata) await replace(`${path}${META_SUFFIX}`, JSON.stringify(options.metadata))
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

  async head(key: string): Promise<ObjectHead | null> {
    const path = this.#path(key)
    const bytes = await readFile(path).catch(() => null)
    if (!bytes) return null
    const meta = await readFile(`${path}${META_SUFFIX}`, 'utf8').catch(() => null)
    return {
      etag: etagOf(bytes),
      size: bytes.length,
      metadata: meta ? (JSON.parse(meta) as Record<string, string>) : {},
    }
  }

  async list(prefix: string): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => [])
    return entries
      .filter((e) => e.isFile() && !e.name.endsWith('.tmp') && !e.name.endsWith(META_SUFFIX))
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((k) => k.startsWith(prefix))
      .sort()
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true })
    await rm(`${this.#path(key)}${META_SUFFIX}`, { force: true })
  }

  async close(): Promise<void> {}
}
