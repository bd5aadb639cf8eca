import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { appliedMigrations, runTool, tableCounts, userTables } from './createBackup'
import { BackupError, type BackupManifest, MEDIA_DIR, readManifest } from './manifest'
import { contentTypeFor, fileChecksum, type MediaStore, pathInside } from './mediaStore'
import { databaseNameOf, libpqConnection, locatePostgresTool, serverVersion } from './postgresTools'

export type RestoreOptions = {
  backupDir: string
  databaseUrl: string
  media: MediaStore
  /** Replace a database (and media store) that already holds data. */
  force?: boolean
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

/** Checks the dump and every media file against the manifest's sizes and checksums. */
const verifyBackupFiles = async (dir: string, manifest: BackupManifest): Promise<void> => {
  const dump = path.join(dir, manifest.database.file)
  if (!fs.existsSync(dump)) throw new BackupError(`${dump} is missing`)
  if ((await fileChecksum(dump)).sha256 !== manifest.database.sha256) {
    throw new BackupError(`${dump} does not match its checksum in the manifest: it is damaged`)
  }
  for (const file of manifest.media.files) {
    const local = pathInside(path.join(dir, MEDIA_DIR), file.key)
    if (!fs.existsSync(local))
      throw new BackupError(`media file ${file.key} is missing from ${dir}`)
    if ((await fileChecksum(local)).sha256 !== file.sha256) {
      throw new BackupError(`media file ${file.key} does not match its checksum: it is damaged`)
    }
  }
}

/** Connects to `url`, creating the database first when the server does not have it. */
const connectCreating = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    return client
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error
  }
  const maintenance = new URL(url)
  maintenance.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${databaseNameOf(url).replaceAll('"', '""')}"`)
  } finally {
    await admin.end()
  }
  const created = new pg.Client({ connectionString: url })
  await created.connect()
  return created
}

/** Schemas that hold what a restore replaces: all but PostgreSQL's own. */
const userSchemas = async (client: pg.ClientBase): Promise<string[]> => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_%'`,
  )
  return rows.map((row) => row.name)
}

/** Empties a database for `--force`: drops every user schema, then recreates an empty `public`. */
const emptyDatabase = async (client: pg.ClientBase): Promise<void> => {
  await client.query('BEGIN')
  for (const schema of await userSchemas(client)) {
    await client.query(`DROP SCHEMA "${schema.replaceAll('"', '""')}" CASCADE`)
  }
  await client.query('CREATE SCHEMA public')
  await client.query('COMMIT')
}

const differences = (expected: Record<string, number>, actual: Record<string, number>): string[] =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((table) => expected[table] !== actual[table])
    .map(
      (table) =>
        `${table}: ${expected[table] ?? 'absent'} in the backup, ${actual[table] ?? 'absent'} restored`,
    )

export type RestoreResult = { manifest: BackupManifest; pgRestore: string }

/**
 * Restores a backup made by createBackup into the database at `databaseUrl` and the media store,
 * then checks the result against the manifest. Nothing is touched until the manifest, the dump's
 * and every file's checksums, and the target's emptiness have been checked; the dump is restored
 * in a single transaction, so a failing restore leaves the database as it found it (empty, or,
 * with `force`, emptied).
 */
export const restoreBackup = async ({
  backupDir,
  databaseUrl,
  media,
  force = false,
  env = process.env,
  log = () => undefined,
}: RestoreOptions): Promise<RestoreResult> => {
  const manifest = readManifest(backupDir)
  await verifyBackupFiles(backupDir, manifest)
  log(
    `backup of ${manifest.createdAt}: ${Object.keys(manifest.database.tables).length} tables, ` +
      `${manifest.media.files.length} media files, schema at ${manifest.database.latestMigration ?? 'no migration'}`,
  )

  const stored = await media.list()
  if (!force && stored.length > 0) {
    throw new BackupError(
      `${media.location} is not empty (${stored.length} files): restore writes into a ` +
        `non-empty media store only with --force`,
    )
  }

  const client = await connectCreating(databaseUrl)
  try {
    const server = await serverVersion(client)
    const pgRestore = await locatePostgresTool(
      'pg_restore',
      {
        preferred: Math.max(server.major, manifest.database.pgDumpMajor),
        atLeast: manifest.database.pgDumpMajor,
        reason: `the dump was written by pg_dump ${manifest.database.pgDumpVersion}, which older pg_restore versions cannot read`,
      },
      env,
    )
    const existing = await userTables(client)
    if (!force && existing.length > 0) {
      throw new BackupError(
        `database ${databaseNameOf(databaseUrl)} is not empty (${existing.length} tables, ` +
          `${existing.slice(0, 3).join(', ')}…): restore replaces a database only with --force`,
      )
    }

    if (force && existing.length > 0) {
      log(`emptying database ${databaseNameOf(databaseUrl)} (--force)`)
      await emptyDatabase(client)
    }
    const connection = libpqConnection(databaseUrl)
    log(`restoring with ${pgRestore.path} (${pgRestore.version}) into PostgreSQL ${server.version}`)
    await runTool(
      pgRestore.path,
      [
        // The target's own role owns what is restored: the source's roles need not exist there.
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        '--no-password',
        `--dbname=${connection.dbname}`,
        path.join(backupDir, manifest.database.file),
      ],
      connection.env,
    )

    for (const file of manifest.media.files) {
      const source = pathInside(path.join(backupDir, MEDIA_DIR), file.key)
      await media.upload(file.key, source, file.contentType ?? contentTypeFor(file.key))
    }
    log(`media: ${manifest.media.files.length} files into ${media.location}`)

    const restoredCounts = await tableCounts(client)
    const mismatched = differences(manifest.database.tables, restoredCounts)
    if (mismatched.length) {
      throw new BackupError(`the restored rows differ from the backup's:\n${mismatched.join('\n')}`)
    }
    const { latestMigration } = await appliedMigrations(client, Object.keys(restoredCounts))
    if (latestMigration !== manifest.database.latestMigration) {
      throw new BackupError(
        `the restored schema is at ${latestMigration}, the backup's at ${manifest.database.latestMigration}`,
      )
    }
    for (const file of manifest.media.files) {
      if ((await media.checksum(file.key)) !== file.sha256) {
        throw new BackupError(
          `media file ${file.key} in ${media.location} does not match the backup`,
        )
      }
    }
    log('checked: every table has its row count and every media file its checksum')
    return { manifest, pgRestore: pgRestore.path }
  } finally {
    await client.end().catch(() => undefined)
  }
}
