import { CopydeskError, formatIssues } from '@copydesk/contracts'
import type { z } from 'zod'

/**
 * Validates the environment against a config schema once, at the edge. Every problem is listed in
 * one error (ERR_CONFIG), so an operator fixes them all in one go; the result is frozen.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Readonly<z.infer<S>> {
  // An empty variable means unset: `FOO=` in a compose file should take the default, not fail.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${formatIssues([i])}`).join('\n')
    throw new CopydeskError('ERR_CONFIG', `invalid configuration:\n${problems}`, {
      paths: result.error.issues.map((i) => i.path.join('.')),
    })
  }
  return Object.freeze(result.data)
}
