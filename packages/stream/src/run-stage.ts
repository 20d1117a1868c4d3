import type { StreamConfig } from './options.ts'
import { type StartStageOptions, startStage } from './start-stage.ts'
import type { Stage, StageRunner } from './types.ts'

/**
 * Runs a stage as a service process: starts it, and on SIGTERM or SIGINT stops it gracefully and
 * exits 0, or exits 1 if the shutdown deadline (SHUTDOWN_TIMEOUT_MS) passes or the consumer crashed.
 */
export async function runStage(
  stage: Stage,
  config: StreamConfig,
  options: StartStageOptions = {},
): Promise<StageRunner> {
  const runner = await startStage(stage, config, options)
  let signalled = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return
    signalled = true
    const started = Date.now()
    // The hard stop: an orchestrator kills us after its own grace period anyway; exit first, loudly.
    setTimeout(() => {
      runner.log.error({ signal, deadlineMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown deadline exceeded')
      process.exit(1)
    }, config.SHUTDOWN_TIMEOUT_MS).unref()
    runner.stop(signal).then(
      () => {
        runner.log.info({ signal, ms: Date.now() - started }, 'exiting')
        process.exit(0)
      },
      (err: Error) => {
        runner.log.error({ err: err.message }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  void runner.stopped.then(() => {
    // Stopped without a signal: by its embedder (exit 0) or because the consumer crashed (exit 1,
    // so that the orchestrator restarts the process).
    if (!signalled) process.exit(runner.status().crashed ? 1 : 0)
  })
  return runner
}
