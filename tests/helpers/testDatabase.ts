import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The server that hosts this run's throwaway databases (set by globalSetup). */
export const adminDatabaseUrl = (): string => {
  const url = process.env.TEST_ADMIN_DATABASE_URL
  if (!url) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest')
  return url
}

export const databaseUrlFor = (adminUrl: string, database: string): string => {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export const withAdminClient = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Creates an empty database on the test server and returns its URL. */
export const createEmptyDatabase = async (prefix = 'marketplace_test'): Promise<string> => {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`))
  return databaseUrlFor(adminDatabaseUrl(), name)
}

export const dropDatabase = async (url: string): Promise<void> => {
  const name = new URL(url).pathname.slice(1)
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

/**
 * Applies the committed migrations through Payload's CLI, as a deployment would. On this machine
 * the CLI has now and then exited 0 without migrating (and without output): that is retried once,
 * then reported, instead of leaving the tests on an empty database.
 */
export const migrateDatabase = async (url: string): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    const output = await migrateOnce(url)
    if (/Done\./.test(output)) return
    if (attempt === 2) throw new Error(`migrate exited 0 without finishing:\n${output}`)
    console.warn(`migrate exited 0 without finishing; retrying:\n${output}`)
  }
}

const migrateOnce = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'src/bin/payload.ts', 'migrate'],
      {
        env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`migrate failed (${code}):\n${output}`)),
    )
  })
