import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** A stage service running as a child process, with its JSON log lines. */
export interface StageProcess {
  child: ChildProcess
  logs: Record<string, unknown>[]
  /** Resolves when a log line matches. */
  waitForLog: (
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
}

/** Starts test/fixtures/run-stage.ts with `env` on top of the current environment; killed at test end. */
export function spawnStage(env: Record<string, string>): StageProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@copydesk/source', '--import', 'tsx', 'packages/stream/test/fixtures/run-stage.ts'],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const logs: Record<string, unknown>[] = []
  const waiters: {
    match: (l: Record<string, unknown>) => boolean
    resolve: (l: Record<string, unknown>) => void
  }[] = []
  let buffer = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const text of lines) {
      let line: Record<string, unknown>
      try {
        line = JSON.parse(text)
      } catch {
        continue
      }
      logs.push(line)
      for (const w of [...waiters]) {
        if (!w.match(line)) continue
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const waitForLog: StageProcess['waitForLog'] = (match, timeoutMs = 60_000) => {
    const found = logs.find(match)
    if (found) return Promise.resolve(found)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)),
        timeoutMs,
      )
      waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer)
          resolve(l)
        },
      })
      void exited.then((e) =>
        reject(
          new Error(
            `the stage exited (${e.code ?? e.signal}) before the log line; stderr: ${stderr.slice(-2000)}`,
          ),
        ),
      )
    })
  }
  return { child, logs, waitForLog, exited }
}
