import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import {
  BackupError,
  type BackupManifest,
  DUMP_FILE,
  MEDIA_DIR,
  type ManifestFile,
  newManifest,
  writeManifest,
} from './manifest'
import { fileChecksum, type MediaStore, pathInside } from './mediaStore'
import { databaseNameOf, libpqConnection, locatePostgresTool, serverVersion } from './postgresTools'

/** Runs a PostgreSQL client tool; rejects with what it printed when it exits non-zero. */
export const runTool = (file: string, args: string[], env: Record<string, string>): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(file)} exited with ${code}:\n${stderr.trim()}`)),
    )
  })

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** Every user table (`schema.table`), system schemas left out. */
export const userTables = async (client: pg.ClientBase): Promise<string[]> => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT schemaname || '.' || tablename AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_%'
      ORDER BY 1`,
  )
  return rows.map((row) => row.name)
}

/** Rows in each table, counted exactly (this is a drill, not a dashboard). */
export const tableCounts = async (client: pg.ClientBase): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const table of await userTables(client)) {
    const [schema, name] = table.split(/\.(.*)/s)
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM ${quoteIdentifier(schema)}.${quoteIdentifier(name)}`,
    )
    counts[table] = Number(rows[0].count)
  }
  return counts
}

/** The newest applied migration (names start with their timestamp) and how many are applied. */
export const appliedMigrations = async (
  client: pg.ClientBase,
  tables: string[],
): Promise<{ latestMigration: string | null; migrations: number }> => {
  if (!tables.includes('public.payload_migrations')) return { latestMigration: null, migrations: 0 }
  const { rows } = await client.query<{ latest: string | null; count: string }>(
    `SELECT max(name) AS latest, count(*) AS count FROM payload_migrations WHERE batch > 0`,
  )
  return { latestMigration: rows[0].latest, migrations: Number(rows[0].count) }
}

export type BackupOptions = {
  databaseUrl: string
  /** A new or empty directory that becomes the backup. */
  outDir: string
  media: MediaStore
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

/**
 * Backs up the database (pg_dump, custom format) and every media file into `outDir`, with a
 * manifest written last: a directory without one is an unfinished backup. The row counts and
 * the dump come from one snapshot (pg_dump imports the snapshot this transaction exports), so
 * the counts restore checks against are exactly what the dump holds. Media are copied after the
 * snapshot: every file the dumped rows name already existed (uploads are written before their
 * row commits); a file deleted meanwhile is missing from the backup (see docs/DEPLOYMENT.md).
 */
export const createBackup = async ({
  databaseUrl,
  outDir,
  media,
  env = process.env,
  log = () => undefined,
}: BackupOptions): Promise<BackupManifest> => {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new BackupError(`${outDir} is not empty: give a new directory for the backup`)
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let created = false
  try {
    const server = await serverVersion(client)
    const pgDump = await locatePostgresTool(
      'pg_dump',
      {
        preferred: server.major,
        atLeast: server.major,
        reason: `the database runs PostgreSQL ${server.version} and pg_dump refuses a server newer than itself`,
      },
      env,
    )
    fs.mkdirSync(outDir, { recursive: true })
    created = true
    log(`database: PostgreSQL ${server.version}, dumping with ${pgDump.path} (${pgDump.version})`)

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const { rows } = await client.query<{ snapshot: string }>(
      'SELECT pg_export_snapshot() AS snapshot',
    )
    const tables = await tableCounts(client)
    const migrations = await appliedMigrations(client, Object.keys(tables))
    const dumpFile = path.join(outDir, DUMP_FILE)
    const connection = libpqConnection(databaseUrl)
    await runTool(
      pgDump.path,
      [
        '--format=custom',
        `--snapshot=${rows[0].snapshot}`,
        `--file=${dumpFile}`,
        '--no-password',
        `--dbname=${connection.dbname}`,
      ],
      connection.env,
    )
    await client.query('COMMIT')
    const dump = await fileChecksum(dumpFile)
    log(`database: ${Object.keys(tables).length} tables, ${dump.bytes} bytes dumped`)

    const files: ManifestFile[] = []
    for (const stored of await media.list()) {
      const copied = await media.download(
        stored.key,
        pathInside(path.join(outDir, MEDIA_DIR), stored.key),
      )
      files.push(copied)
    }
    log(`media: ${files.length} files from ${media.location}`)

    const manifest = newManifest(
      {
        file: DUMP_FILE,
        ...dump,
        name: databaseNameOf(databaseUrl),
        serverVersion: server.version,
        pgDumpVersion: pgDump.version,
        pgDumpMajor: pgDump.major,
        ...migrations,
        tables,
      },
      { source: media.kind, location: media.location, files },
    )
    writeManifest(outDir, manifest)
    return manifest
  } catch (error) {
    // Half a backup must not be mistaken for one.
    if (created) fs.rmSync(outDir, { recursive: true, force: true })
    throw error
  } finally {
    await client.end().catch(() => undefined)
  }
}
