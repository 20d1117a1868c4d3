/** Exit codes scripts can rely on (documented in the CLI README). */
export const ExitCode = {
  ok: 0,
  /** the command failed: the message says why and what to do */
  failure: 1,
  /** wrong usage: unknown option, missing argument */
  usage: 2,
  /** the command ran, but some input lines or pages were rejected (each reported) */
  partial: 3,
  /** stopped by Ctrl-C / SIGTERM; a replay can be resumed */
  interrupted: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
