// Writes infra/schemas/*.json from the zod event schemas and infra/topics/topics.json from the topic definitions. `--check` exits 1 when a committed file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderJsonSchemas, renderTopicDefinitions } from '../src/json-schema.ts'

const infra = join(import.meta.dirname, '..', '..', '..', 'infra')
const outDir = join(infra, 'schemas')
const check = process.argv.includes('--check')
let stale = 0
mkdirSync(outDir, { recursive: true })
const files: [string, string][] = [
  ...Object.entries(renderJsonSchemas()).map(([f, t]): [string, string] => [join(outDir, f), t]),
  [join(infra, 'topics', 'topics.json'), renderTopicDefinitions()],
]
for (const [path, text] of files) {
  const file = path.slice(infra.length + 1)
  let current = ''
  try {
    current = readFileSync(path, 'utf8')
  } catch {}
  if (current === text) continue
  stale++
  if (check) console.error(`stale: infra/${file}`)
  else writeFileSync(path, text)
}
if (check && stale > 0) {
  console.error('run `pnpm --filter @copydesk/contracts jsonschema` and commit the result')
  process.exit(1)
}
console.log(check ? 'infra/schemas and infra/topics are up to date' : `wrote ${stale} file(s) under infra/`)
