// Writes infra/schemas/*.json from the zod event schemas. `--check` exits 1 when a committed file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderJsonSchemas } from '../src/json-schema.ts'

const outDir = join(import.meta.dirname, '..', '..', '..', 'infra', 'schemas')
const check = process.argv.includes('--check')
let stale = 0
mkdirSync(outDir, { recursive: true })
for (const [file, text] of Object.entries(renderJsonSchemas())) {
  const path = join(outDir, file)
  let current = ''
  try {
    current = readFileSync(path, 'utf8')
  } catch {}
  if (current === text) continue
  stale++
  if (check) console.error(`stale: infra/schemas/${file}`)
  else writeFileSync(path, text)
}
if (check && stale > 0) {
  console.error('run `pnpm --filter @copydesk/contracts jsonschema` and commit the result')
  process.exit(1)
}
console.log(check ? 'infra/schemas is up to date' : `wrote ${stale} schema file(s) to infra/schemas`)
