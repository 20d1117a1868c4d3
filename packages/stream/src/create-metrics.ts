import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** The metrics of one stage runner, in their own registry (tests run several runners per process). */
export function createStageMetrics(registry = new Registry(), options: { defaults?: boolean } = {}) {
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'copydesk_' })
  const registers = [registry]
  return {
    registry,
    recordsIn: new Counter({
      name: 'copydesk_stream_records_in_total',
      help: 'input records handled to the end (output or dead letter)',
      labelNames: ['stage'],
      registers,
    }),
    recordsOut: new Counter({
      name: 'copydesk_stream_records_out_total',
      help: 'output records committed',
      labelNames: ['stage', 'topic'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'copydesk_stream_records_dead_lettered_total',
      help: 'input records sent to the dead-letter topic',
      labelNames: ['stage', 'code'],
      registers,
    }),
    handleSeconds: new Histogram({
      name: 'copydesk_stream_handle_seconds',
      help: 'time spent in the stage handler per record',
      labelNames: ['stage'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    }),
    commitSeconds: new Histogram({
      name: 'copydesk_stream_commit_seconds',
      help: 'time to make a batch durable: produce its outputs and commit its offsets (one transaction in exactly-once)',
      labelNames: ['stage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    batchSize: new Histogram({
      name: 'copydesk_stream_batch_size',
      help: 'records per fetched batch',
      labelNames: ['stage'],
      buckets: [1, 10, 50, 100, 250, 500, 1000, 5000],
      registers,
    }),
    retries: new Counter({
      name: 'copydesk_stream_retries_total',
      help: 'retryable failures, each followed by a backoff (for a record, with its partition paused)',
      labelNames: ['stage', 'code'],
      registers,
    }),
    lag: new Gauge({
      name: 'copydesk_stream_consumer_lag',
      help: 'records between the last fetched offset and the high watermark',
      labelNames: ['stage', 'topic', 'partition'],
      registers,
    }),
    paused: new Gauge({
      name: 'copydesk_stream_partition_paused',
      help: '1 while a partition is paused for a retry backoff',
      labelNames: ['stage', 'topic', 'partition'],
      registers,
    }),
    transactionAborts: new Counter({
      name: 'copydesk_stream_transaction_aborts_total',
      help: 'batch transactions aborted (their records are processed again)',
      labelNames: ['stage'],
      registers,
    }),
    commits: new Counter({
      name: 'copydesk_stream_commits_total',
      help: 'batches committed (one transaction each in exactly-once)',
      labelNames: ['stage'],
      registers,
    }),
  }
}

export type StageMetrics = ReturnType<typeof createStageMetrics>
