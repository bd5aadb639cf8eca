/**
 * Runs Payload's CLI (`migrate`, `migrate:create`, `generate:types`, …) against this project's
 * database: `DATABASE_URL` when set, otherwise the embedded one (started for the command if the
 * server is not already running it). With `DATABASE_MIGRATION_URL` set (a direct connection when
 * `DATABASE_URL` is a pooler), the CLI uses that instead: its commands change the schema.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { ensureDatabase } from '../lib/database'
import { localSecret } from '../lib/localSecrets'

// The package exports no ./bin or ./package.json subpath; its CLI sits where npm installs it.
const payloadBin = path.resolve('node_modules/payload/bin.js')

const database = await ensureDatabase()
localSecret('PAYLOAD_SECRET')
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [payloadBin, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL,
    },
  })
  child.on('exit', (exitCode) => resolve(exitCode ?? 1))
})
await database.stop()
process.exit(code)
