/**
 * Preloaded into a server by `bench/orderCost.ts` (`node --import`, in the server's checkout): counts the SQL statements the
 * process sends through `pg`, by their first word (and the full text of each distinct statement),
 * and on SIGUSR2 writes the counts so far to `STATEMENT_COUNT_FILE` as JSON. Measurement only.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

// The server's own copy of pg (the one in the checkout it runs from), not this file's.
const pg = createRequire(path.join(process.cwd(), 'package.json'))('pg')

const counts = new Map()
const query = pg.Client.prototype.query

const textOf = (config) =>
  typeof config === 'string' ? config : typeof config?.text === 'string' ? config.text : ''

pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = textOf(config).replace(/\s+/g, ' ').trim()
  counts.set(text, (counts.get(text) ?? 0) + 1)
  return query.call(this, config, ...rest)
}

process.on('SIGUSR2', () => {
  fs.writeFileSync(process.env.STATEMENT_COUNT_FILE, JSON.stringify(Object.fromEntries(counts)))
})
