import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { toCopydeskError } from '@copydesk/contracts'
import { ExitCode } from './exit-codes.ts'

export type JsonlHandler = (row: unknown) => Promise<object> | object

/** Longest input line accepted; a longer one is rejected on its own instead of exhausting memory. */
const MAX_LINE = 64 * 1024 * 1024

/**
 * Runs a handler over JSON lines: one output line per input line, in order. A line that cannot be
 * handled gives `{"id", "error": {"code", "message"}}` in its place, so outputs stay aligned with
 * inputs, and the exit code is `partial`.
 */
export async function runJsonl(
  handler: JsonlHandler,
  input: Readable,
  output: Writable,
  errors: Writable,
): Promise<ExitCode> {
  let failed = 0
  let lineNo = 0
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const line of lines) {
    lineNo++
    if (line.trim() === '') continue
    let id: unknown = null
    let out: object
    try {
      if (line.length > MAX_LINE) throw new Error(`line ${lineNo} is longer than ${MAX_LINE} characters`)
      let row: unknown
      try {
        row = JSON.parse(line)
      } catch (err) {
        throw Object.assign(new Error(`line ${lineNo} is not JSON: ${(err as Error).message}`), {
          code: 'ERR_INVALID_JSON',
        })
      }
      id = (row as { id?: unknown })?.id ?? null
      out = await handler(row)
    } catch (err) {
      failed++
      const e = toCopydeskError(err)
      const code = (err as { code?: string }).code ?? e.code
      out = { id, error: { code, message: e.message } }
      errors.write(
        `copydesk: line ${lineNo}${id === null ? '' : ` (id ${String(id)})`}: ${code}: ${e.message}\n`,
      )
    }
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => output.once('drain', r))
  }
  return failed > 0 ? ExitCode.partial : ExitCode.ok
}
