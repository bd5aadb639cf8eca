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

/**
 * A database of its own for one Local API test file: a copy of the migrated template that
 * globalSetup prepared (`CREATE DATABASE … TEMPLATE`, about 0.1 s), so files cannot disturb
 * each other's data.
 */
export const createDatabaseFromTemplate = async (): Promise<string> => {
  const template = process.env.TEST_TEMPLATE_DATABASE
  if (!template) throw new Error('TEST_TEMPLATE_DATABASE is not set: run the tests through jest')
  const name = `marketplace_int_${randomBytes(5).toString('hex')}`
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  )
  return databaseUrlFor(adminDatabaseUrl(), name)
}

export const dropDatabase = async (url: string): Promise<void> => {
  const name = new URL(url).pathname.slice(1)
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

const runMigrateCli = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'src/bin/payload.ts', 'migrate'],
      {
        // See jest.config.js: load Lexical's production entry points directly.
        env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '--conditions=production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`migrate failed (${code}):\n${output}`)),
    )
  })

const appliedMigrations = async (url: string): Promise<number> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM payload_migrations WHERE batch > 0`,
    )
    return Number(rows[0].count)
  } catch {
    return 0
  } finally {
    await client.end()
  }
}

/**
 * Applies the committed migrations through Payload's CLI, as a deployment would, and checks that
 * every one was recorded: on a loaded machine the CLI has been seen to exit 0 having done nothing,
 * which would leave every Local API test failing on missing tables. One retry, then a loud error.
 */
export const migrateDatabase = async (url: string): Promise<void> => {
  const { migrations } = await import('../../src/migrations')
  let output = ''
  for (let attempt = 1; attempt <= 2; attempt++) {
    output = await runMigrateCli(url)
    if ((await appliedMigrations(url)) === migrations.length) return
    console.warn(
      `migrate exited 0 without applying every migration (attempt ${attempt}):\n${output}`,
    )
  }
  throw new Error(`migrations were not applied:\n${output}`)
}
