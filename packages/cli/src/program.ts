import { Command, CommanderError } from 'commander'
import { registerDlqCommand } from './commands/dlq.ts'
import { registerOfflineCommands } from './commands/offline.ts'
import { registerProduceCommand } from './commands/produce.ts'
import { registerReplayCommand } from './commands/replay.ts'
import { registerRunCommand } from './commands/run.ts'
import { registerTailCommand } from './commands/tail.ts'
import { registerTopicAdmin } from './commands/topics-admin.ts'
import { ExitCode } from './exit-codes.ts'

/** Builds the `copydesk` command with every subcommand. */
export function buildProgram(): Command {
  const program = new Command('copydesk')
    .description('copydesk: raw news pages in, enriched and de-duplicated article records out.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  registerRunCommand(program)
  const offline = registerOfflineCommands(program)
  registerTopicAdmin(offline.get('topics')!)
  registerProduceCommand(program)
  registerTailCommand(program)
  registerDlqCommand(program)
  registerReplayCommand(program)
  return program
}

/** Runs the CLI on argv; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? ExitCode.ok)
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return ExitCode.ok
      return ExitCode.usage
    }
    process.stderr.write(`copydesk: ${(err as Error).message}\n`)
    return ExitCode.failure
  }
}
