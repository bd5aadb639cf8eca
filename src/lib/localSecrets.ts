import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Where local state lives: the embedded database, generated development secrets, the dev outbox. */
export const dataDir = (): string => path.resolve(process.env.DATA_DIR ?? '.data')

/**
 * A deployment is "production" when it runs the production build against a database it does not
 * own. The embedded database is a local, single-machine setup, so it may keep generated secrets on
 * disk; a real deployment must be given them.
 */
export const isProductionDeployment = (): boolean =>
  process.env.NODE_ENV === 'production' && process.env.MARKETPLACE_EMBEDDED_DB !== 'true'

/**
 * Returns the secret in `process.env[name]`; outside a production deployment, generates one on
 * first use and keeps it under `.data/` so it survives restarts. Synchronous because the Payload
 * config needs its secret while the module is evaluated.
 */
export const localSecret = (name: string, bytes = 32): string => {
  const fromEnv = process.env[name]
  if (fromEnv) return fromEnv
  // `next build` evaluates the config to collect page data; it signs and encrypts nothing.
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'unused-at-build-time'
  if (isProductionDeployment()) {
    throw new Error(`${name} must be set in production (see .env.example)`)
  }
  const file = path.join(dataDir(), 'secrets', name.toLowerCase())
  let secret: string
  try {
    secret = fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    try {
      fs.writeFileSync(file, randomBytes(bytes).toString('hex'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    secret = fs.readFileSync(file, 'utf8').trim()
  }
  process.env[name] = secret
  return secret
}
