import { spawnSync } from 'node:child_process'

/**
 * Workspace packages resolve to their TypeScript sources only under the `@copydesk/source`
 * condition. `pnpm tsx script.ts` does not set it, so a script re-runs itself once with it.
 */
export function rerunWithSourceCondition(): void {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`
  if (flags.includes('@copydesk/source')) return
  const run = spawnSync(
    process.execPath,
    ['--conditions=@copydesk/source', ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  )
  process.exit(run.status ?? 1)
}
