import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PipelineVersion } from '@copydesk/contracts'

/** copydesk's own version: bump it when the output of any stage changes. */
export const PIPELINE_VERSION = '0.1.0'

// packages/ seen from src/ or dist/ of this package: the stage packages sit beside it.
const packagesDir = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The version of one stage package: its package.json version plus a digest of its shipped data
 * (trained models, gazetteers under data/ or model/), so that retraining a model changes the version without a release.
 */
export function componentVersion(pkg: string, root = packagesDir): string {
  const dir = join(root, pkg)
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }
  const files = ['data', 'model']
    .map((d) => join(dir, d))
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
  if (files.length === 0) return version
  const hash = createHash('sha256')
  for (const file of files) hash.update(file.slice(dir.length)).update(readFileSync(file))
  return `${version}+data.${hash.digest('hex').slice(0, 12)}`
}

/** The version every record and event carries: the pipeline's, plus each stage package's and its data's. */
export function makePipelineVersion(components?: Record<string, string>): PipelineVersion {
  const all =
    components ??
    Object.fromEntries(
      ['extract', 'entities', 'topics', 'dedupe', 'word-clusters'].map((p) => [p, componentVersion(p)]),
    )
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)))
  return { version: PIPELINE_VERSION, components: sorted }
}

/** A short digest of a pipeline version, for labels that must be compact (batch-file metadata). */
export function versionTag(version: PipelineVersion): string {
  return createHash('sha256').update(JSON.stringify(version)).digest('hex').slice(0, 16)
}
