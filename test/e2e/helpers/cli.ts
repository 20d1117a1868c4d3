import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '../../setup/stack.ts'

const exec = promisify(execFile)
const bin = join('packages', 'cli', 'src', 'bin.ts')
const nodeArgs = ['--conditions=@copydesk/source', '--import', 'tsx', bin]

/** Runs `copydesk …` to completion; never throws on a non-zero exit. */
export async function copydesk(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (input !== undefined) {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.stdin.end(input)
    const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)))
    return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }
  }
  try {
    const { stdout, stderr } = await exec(process.execPath, [...nodeArgs, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      maxBuffer: 256 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/** Starts `copydesk …` in the background (to interrupt it). */
export function spawnCopydesk(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}
