import type { RawHeaders } from './types.ts'

/** Turns string headers into Kafka header values (UTF-8 bytes on the wire). */
export function encodeHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value
  return out
}

/** Reads Kafka headers as text; a repeated header yields its first value. */
export function decodeHeaders(headers: RawHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!headers) return out
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) out[name] = typeof first === 'string' ? first : first.toString('utf8')
  }
  return out
}
