import { randomUUID } from 'node:crypto'
import { cloudEventHeaders, parseEvent } from '@copydesk/contracts'
import type { Kafka, Producer } from 'kafkajs'
import type { z } from 'zod'

/** CloudEvents Kafka-binding headers (binary mode) for one JSON event. */
export function buildCloudEventHeaders(event: {
  id?: string
  type: string
  source: string
  time?: Date
}): Record<string, string> {
  return {
    [cloudEventHeaders.id]: event.id ?? randomUUID(),
    [cloudEventHeaders.type]: event.type,
    [cloudEventHeaders.source]: event.source,
    [cloudEventHeaders.time]: (event.time ?? new Date()).toISOString(),
    [cloudEventHeaders.specVersion]: '1.0',
    [cloudEventHeaders.contentType]: 'application/json',
  }
}

/** One event for `JsonProducer.send`. */
export interface JsonEvent<T> {
  key: string | null
  value: T
  headers?: Record<string, string>
  /** CloudEvents id; a random UUID by default. */
  id?: string
}

/** A producer of schema-checked JSON events with CloudEvents headers. */
export interface JsonProducer {
  send: <S extends z.ZodType>(
    topic: string,
    schema: S,
    events: readonly JsonEvent<z.infer<S>>[],
    type?: string,
  ) => Promise<void>
  disconnect: () => Promise<void>
}

/**
 * Connects an idempotent producer (acks from all in-sync replicas) that validates every event with
 * its schema before sending, so a producer bug fails here instead of dead-lettering downstream.
 */
export async function createJsonProducer(kafka: Kafka, options: { source: string }): Promise<JsonProducer> {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
  })
  await producer.connect()
  return {
    async send(topic, schema, events, type = topic) {
      const messages = events.map((e) => ({
        key: e.key,
        value: JSON.stringify(parseEvent(schema, e.value, `event for ${topic}`)),
        headers: {
          ...buildCloudEventHeaders({ ...(e.id ? { id: e.id } : {}), type, source: options.source }),
          ...e.headers,
        },
      }))
      await producer.send({ topic, messages, acks: -1 })
    },
    disconnect: () => producer.disconnect(),
  }
}
