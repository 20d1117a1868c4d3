import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CopydeskError, ErrorCode, toCopydeskError } from './errors.ts'

describe('error codes', () => {
  it('take retryability from the code unless told otherwise', () => {
    expect(new CopydeskError('ERR_S3', 'down').retryable).toBe(true)
    expect(new CopydeskError('ERR_SCHEMA', 'bad').retryable).toBe(false)
    expect(new CopydeskError('ERR_SCHEMA', 'bad', { retryable: true }).retryable).toBe(true)
  })

  it('wrap anything thrown, keeping the cause, and treat the unknown as retryable', () => {
    const cause = new TypeError('boom')
    const wrapped = toCopydeskError(cause)
    expect(wrapped).toMatchObject({ code: 'ERR_UNKNOWN', retryable: true, message: 'boom', cause })
    expect(toCopydeskError('text')).toMatchObject({ code: 'ERR_UNKNOWN', message: 'text' })
    const own = new CopydeskError('ERR_BODY_REF', 'missing')
    expect(toCopydeskError(own)).toBe(own)
  })

  it('are each documented in the package README with what to do', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
    for (const code of Object.keys(ErrorCode))
      expect(readme, `README lacks ${code}`).toMatch(new RegExp(`\\| \`${code}\` \\| (yes|no) \\|`))
  })
})
