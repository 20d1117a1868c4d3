import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../../setup/stack.ts'

export const SERVICES = ['ingest', 'enrich', 'dedupe', 'archive'] as const
export type ServiceName = (typeof SERVICES)[number]

/** One service running as its own process, as in production (TypeScript source through tsx). */
export class ServiceProcess {
  readonly name: ServiceName
  readonly #env: Record<string, string>
  readonly #logDir: string
  #child: ChildProcess | null = null
  #exit: Promise<number | null> = Promise.resolve(null)
  httpUrl: string | null = null
  starts = 0

  /** pid of the running process */
  get pid(): number | undefined {
    return this.#child?.pid
  }

  constructor(name: ServiceName, env: Record<string, string>, logDir: string) {
    this.name = name
    this.#env = env
    this.#logDir = logDir
    mkdirSync(logDir, { recursive: true })
  }

  /** Starts the process and waits until its runtime says the stage started. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.starts++
    const log = createWriteStream(join(this.#logDir, `${this.name}.${this.starts}.log`))
    // As in production (services/*/package.json `start`): a capped heap, a 4 MB young generation
    // and two malloc arenas (README, "Runtime and memory"). COPYDESK_SERVICES_FROM=dist
    // runs the built output (after `pnpm build`), as the benchmark does; the tests run the source.
    const entry =
      process.env.COPYDESK_SERVICES_FROM === 'dist'
        ? [join('services', this.name, 'dist', 'main.js')]
        : ['--conditions=@copydesk/source', '--import', 'tsx', join('services', this.name, 'src', 'main.ts')]
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--max-semi-space-size=4',
        ...(process.env.COPYDESK_SERVICE_FLAGS ?? '').split(' ').filter(Boolean),
        ...entry,
      ],
      {
        cwd: repoRoot,
        env: { MALLOC_ARENA_MAX: '2', ...process.env, ...this.#env, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.#child = child
    this.#exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
    child.stderr!.pipe(log)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not start within ${timeoutMs} ms; see ${log.path}`)),
        timeoutMs,
      )
      let buffer = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        log.write(chunk)
        buffer += chunk.toString()
        let nl = buffer.indexOf('\n')
        while (nl >= 0) {
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + 1)
          nl = buffer.indexOf('\n')
          if (!line.includes('stage started')) continue
          try {
            this.httpUrl = (JSON.parse(line) as { http?: string }).http ?? null
          } catch {}
          clearTimeout(timer)
          resolve()
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${this.name} exited with ${code} during start-up; see ${log.path}`))
      })
    })
  }

  /** SIGKILL: no shutdown at all, as when a machine dies. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL')
    await this.#exit
  }

  /** SIGTERM and the exit code. */
  async stop(): Promise<number | null> {
    if (!this.#child || this.#child.exitCode !== null) return this.#child?.exitCode ?? null
    this.#child.kill('SIGTERM')
    return this.#exit
  }
}

/** Fetches a service's /metrics and returns the value of one sample, summed over its labels. */
export async function metricValue(
  svc: ServiceProcess,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  if (!svc.httpUrl) throw new Error(`${svc.name} has no ops server`)
  const text = await (await fetch(`${svc.httpUrl}/metrics`)).text()
  let sum = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-z_:]+)(\{[^}]*\})?\s+([-+0-9.eE]+|NaN)$/.exec(line)
    if (!m || m[1] !== name) continue
    if (Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`))) sum += Number(m[3])
  }
  return sum
}
