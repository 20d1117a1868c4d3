import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

/** One input page for `copydesk run`, with where it came from (for messages). */
export interface InputPage {
  origin: string
  /** a raw-page event, unvalidated: the pipeline validates it like the ingest service would */
  raw: unknown
}

const PAGE_TYPES: Record<string, string> = { '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain' }
const LINE_TYPES = new Set(['.jsonl', '.ndjson'])

async function* walk(path: string): AsyncGenerator<string> {
  const info = await stat(path)
  if (info.isFile()) {
    yield path
    return
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const full = join(path, e.name)
    if (e.isDirectory()) yield* walk(full)
    else if (
      e.isFile() &&
      (PAGE_TYPES[extname(e.name).toLowerCase()] || LINE_TYPES.has(extname(e.name).toLowerCase()))
    )
      yield full
  }
}

async function* readLines(input: Readable, origin: string): AsyncGenerator<InputPage> {
  let n = 0
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    n++
    if (line.trim() === '') continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch (err) {
      raw = { invalidJson: (err as Error).message }
    }
    yield { origin: `${origin}:${n}`, raw }
  }
}

/**
 * Pages from files and folders (HTML, text dumps, JSON lines of the raw-page contract) or stdin
 * ('-', JSON lines), in a stable order: sorted paths, lines in file order. A page file becomes a
 * raw-page event whose URL names the file under a reserved domain, and whose fetch time is the
 * file's modification time unless `fetchedAt` is given, so the same files give the same records.
 */
export async function* readPages(
  inputs: string[],
  options: { fetchedAt?: string; stdin?: Readable } = {},
): AsyncGenerator<InputPage> {
  for (const input of inputs) {
    if (input === '-') {
      yield* readLines(options.stdin ?? process.stdin, 'stdin')
      continue
    }
    const base = resolve(input)
    for await (const file of walk(base)) {
      const ext = extname(file).toLowerCase()
      if (LINE_TYPES.has(ext)) {
        yield* readLines(createReadStream(file), file)
        continue
      }
      const contentType = PAGE_TYPES[ext]
      if (!contentType)
        throw new Error(
          `${file}: unknown page type ${ext || '(no extension)'}; use .html, .htm, .txt, .jsonl or .ndjson`,
        )
      const rel = relative(base, file) || basename(file)
      const fetchedAt = options.fetchedAt ?? (await stat(file)).mtime.toISOString()
      yield {
        origin: file,
        raw: {
          schemaVersion: 1,
          url: `https://pages.copydesk.invalid/${rel.split('/').map(encodeURIComponent).join('/')}`,
          sourceId: rel,
          fetchedAt,
          contentType,
          body: await readFile(file, 'utf8'),
        },
      }
    }
  }
}
