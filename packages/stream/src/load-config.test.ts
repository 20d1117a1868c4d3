import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { loadConfig } from './load-config.ts'
import { StreamConfig } from './options.ts'

describe('loadConfig', () => {
  it('lists every missing or invalid variable in one error', () => {
    let message = ''
    try {
      loadConfig(StreamConfig, { DELIVERY: 'twice', HTTP_PORT: 'eighty' })
    } catch (err) {
      expect((err as { code: string }).code).toBe('ERR_CONFIG')
      message = (err as Error).message
    }
    expect(message).toContain('KAFKA_BROKERS')
    expect(message).toContain('KAFKA_GROUP_ID')
    expect(message).toContain('DELIVERY')
    expect(message).toContain('HTTP_PORT')
  })

  it('returns a frozen object with defaults and parsed brokers', () => {
    const config = loadConfig(StreamConfig, {
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_GROUP_ID: 'copydesk.test',
    })
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093'])
    expect(config.DELIVERY).toBe('exactly-once')
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(30_000)
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('rejects SASL without credentials and a heartbeat too close to the session timeout', () => {
    expect(() =>
      loadConfig(StreamConfig, {
        KAFKA_BROKERS: 'a:9092',
        KAFKA_GROUP_ID: 'g',
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_HEARTBEAT_INTERVAL_MS: '20000',
      }),
    ).toThrow(
      /KAFKA_SASL_USERNAME.*\n.*KAFKA_HEARTBEAT_INTERVAL_MS|KAFKA_HEARTBEAT_INTERVAL_MS.*\n.*KAFKA_SASL_USERNAME/,
    )
  })

  it('treats empty variables as unset', () => {
    const config = loadConfig(z.object({ A: z.string().default('x') }), { A: '' })
    expect(config.A).toBe('x')
  })
})
