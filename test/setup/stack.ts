import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where the integration tests find their broker, S3 server and Redis. */
export interface Stack {
  source: 'env' | 'docker' | 'local'
  kafkaBrokers: string[]
  s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string }
  redisUrl: string
}

/** The stack named by the environment (KAFKA_BROKERS, S3_ENDPOINT, ...), or null if none is named. */
export function stackFromEnv(env: NodeJS.ProcessEnv = process.env): Stack | null {
  if (!env.KAFKA_BROKERS && !env.S3_ENDPOINT && !env.REDIS_URL) return null
  const missing = [
    'KAFKA_BROKERS',
    'S3_ENDPOINT',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'REDIS_URL',
  ].filter((name) => !env[name])
  if (missing.length > 0) {
    throw new Error(
      `the environment names part of a test stack but not ${missing.join(', ')}: set all of them, or none to let the tests start their own`,
    )
  }
  return {
    source: 'env',
    kafkaBrokers: env.KAFKA_BROKERS!.split(',').map((b) => b.trim()),
    s3: {
      endpoint: env.S3_ENDPOINT!,
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    },
    redisUrl: env.REDIS_URL!,
  }
}

/** Parses the KEY=value lines that infra/local/up.sh prints. */
export function parseEnvLines(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (m) out[m[1]!] = m[2]!
  }
  return out
}

/** Starts (or reuses) the infra/local stack; returns it and a stop function for what this run started. */
export async function startLocalStack(): Promise<{ stack: Stack; stop: () => Promise<void> }> {
  const script = (name: string) => join(repoRoot, 'infra', 'local', name)
  if (!existsSync(script('up.sh'))) throw new Error(`infra/local/up.sh not found under ${repoRoot}`)
  // Services that already answer were started by someone else (a developer's shell): leave them up.
  const alreadyUp = await run('bash', [script('status.sh')]).then(
    () => true,
    () => false,
  )
  let stdout: string
  try {
    ;({ stdout } = await run('bash', [script('up.sh')], { maxBuffer: 10 * 1024 * 1024, timeout: 300_000 }))
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`could not start the local stack (infra/local/up.sh): ${e.stderr?.trim() || e.message}`)
  }
  const stack = stackFromEnv(parseEnvLines(stdout))
  if (!stack) throw new Error(`infra/local/up.sh printed no stack environment:\n${stdout}`)
  return {
    stack: { ...stack, source: 'local' },
    stop: async () => {
      if (!alreadyUp && process.env.COPYDESK_KEEP_STACK !== '1') await run('bash', [script('down.sh')])
    },
  }
}
