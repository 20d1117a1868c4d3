import { readFileSync } from 'node:fs'
import { extractEntities } from '/work/main/packages/entities/src/index.ts'

const page = readFileSync('/work/main/test/fixtures/pages/seed/page.txt', 'utf8')
const a = page.indexOf('North Korean leader Kim Jong-un has debunked')
const b =
  page.indexOf('more perfect in quality and quantity.') + 'more perfect in quality and quantity.'.length
const r = extractEntities(page.slice(a, b), {
  title: "North Korea Debunks 'Absurd Rumor' Claims of Arms Exports to Russia",
})
for (const m of r.mentions) console.log(m.type, JSON.stringify(m.text), '->', m.name, m.id, m.country ?? '')
console.table(r.entities)
