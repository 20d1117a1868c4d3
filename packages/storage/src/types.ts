/** What a write returns: where the object is and what S3 says about it. */
export interface StoredObject {
  key: string
  /** s3://bucket/key for S3, file:///abs/path for the local folder */
  uri: string
  /** quoted entity tag, as S3 returns it */
  etag: string
  size: number
}

export interface PutOptions {
  contentType?: string
  contentEncoding?: string
  /** write only if no object has this key (S3 If-None-Match: *); a conflict returns null */
  ifAbsent?: boolean
  /**
   * write only if the object's current entity tag is this one (S3 If-Match): a compare-and-swap.
   * A conflict (another write came first, or the object is gone) returns null.
   */
  ifMatch?: string
  /** user metadata stored with the object (S3 x-amz-meta-*), returned by `head` */
  metadata?: Record<string, string>
}

/** What `head` tells of an object without reading it. */
export interface ObjectHead {
  etag: string
  size: number
  /** the user metadata of its last write ({} when none was given) */
  metadata: Record<string, string>
}

/** The object-store port: the S3 implementation for services, the local folder for embedded runs. */
export interface ObjectStore {
  readonly bucket: string
  /** Writes the object; durable when the promise resolves. Returns null only for an ifAbsent or ifMatch conflict. */
  put(key: string, body: Buffer | string, options?: PutOptions): Promise<StoredObject | null>
  /** Reads an object, refusing one larger than maxBytes (ERR_PAGE_TOO_LARGE); a missing key is ERR_BODY_REF. */
  get(key: string, options?: { maxBytes?: number }): Promise<Buffer>
  /** Size, etag and metadata of an object, or null when there is none. */
  head(key: string): Promise<ObjectHead | null>
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>
  delete(key: string): Promise<void>
  /** The URI an event names this key by. */
  uriFor(key: string): string
  close(): Promise<void>
}
