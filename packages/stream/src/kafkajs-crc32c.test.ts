import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

// kafkajs as the runtime loads it (with patches/kafkajs@2.2.4.patch applied).
const require = createRequire(import.meta.url)
const kafkajsSrc = join(dirname(require.resolve('kafkajs')), 'src/protocol/recordBatch/crc32C')
const crc32C = require(join(kafkajsSrc, 'index.js')) as (b: Buffer) => number
const tableCrc32C = require(join(kafkajsSrc, 'crc32C.js')) as (b: Buffer) => number
const kafkajsRequire = createRequire(join(kafkajsSrc, 'index.js'))

describe('the CRC-32C of produced record batches (kafkajs patch)', () => {
  it('uses the native @node-rs/crc32 from kafkajs, not the JavaScript table', () => {
    const native = (kafkajsRequire('@node-rs/crc32') as { crc32c: unknown }).crc32c
    expect(typeof native).toBe('function')
    expect(crc32C.toString()).toContain('native(buffer)')
  })

  it("gives the check value of CRC-32C and the table's answer on every size and offset", () => {
    // The standard check value of CRC-32C (Castagnoli) over "123456789".
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283)
    const bytes = randomBytes(70_000)
    for (const size of [0, 1, 3, 8, 63, 1024, 5120, 65_537]) {
      for (const offset of [0, 1, 5]) {
        const view = bytes.subarray(offset, offset + size)
        expect(crc32C(view)).toBe(tableCrc32C(view) >>> 0)
      }
    }
  })
})
