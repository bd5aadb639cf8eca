import fs from 'node:fs'
import path from 'node:path'

export const MANIFEST_FILE = 'manifest.json'
export const DUMP_FILE = 'database.dump'
export const MEDIA_DIR = 'media'

const FORMAT = 'marketplace-backup'
const VERSION = 1

export type ManifestFile = { key: string; bytes: number; sha256: string; contentType?: string }

/** What a backup directory holds, written last by `npm run backup` and checked by restore. */
export type BackupManifest = {
  format: typeof FORMAT
  version: typeof VERSION
  createdAt: string
  database: {
    file: string
    bytes: number
    sha256: string
    /** The source database's name and server version (`15.20`). */
    name: string
    serverVersion: string
    /** The pg_dump that wrote `file`: restore needs a pg_restore of this major or newer. */
    pgDumpVersion: string
    pgDumpMajor: number
    /** The newest migration applied to the source, and how many were. */
    latestMigration: string | null
    migrations: number
    /** Rows per table (`public.users`), counted in the snapshot the dump was taken from. */
    tables: Record<string, number>
  }
  media: {
    source: 'directory' | 's3'
    location: string
    files: ManifestFile[]
  }
}

export const newManifest = (
  database: BackupManifest['database'],
  media: BackupManifest['media'],
): BackupManifest => ({
  format: FORMAT,
  version: VERSION,
  createdAt: new Date().toISOString(),
  database,
  media,
})

export class BackupError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const SHA256 = /^[0-9a-f]{64}$/

/** The first thing wrong with a parsed manifest, or null when it has the shape restore needs. */
const manifestProblem = (value: unknown): string | null => {
  if (!isRecord(value)) return 'it is not a JSON object'
  if (value.format !== FORMAT) return `"format" is not "${FORMAT}"`
  if (value.version !== VERSION)
    return `"version" ${JSON.stringify(value.version)} is not ${VERSION}`
  const { database, media } = value
  if (!isRecord(database)) return '"database" is missing'
  if (typeof database.file !== 'string' || path.basename(database.file) !== database.file) {
    return '"database.file" is not a file name'
  }
  if (typeof database.sha256 !== 'string' || !SHA256.test(database.sha256)) {
    return '"database.sha256" is not a SHA-256'
  }
  if (typeof database.bytes !== 'number') return '"database.bytes" is not a number'
  if (typeof database.pgDumpMajor !== 'number') return '"database.pgDumpMajor" is not a number'
  if (!isRecord(database.tables) || !Object.values(database.tables).every(Number.isInteger)) {
    return '"database.tables" is not a map of row counts'
  }
  if (!isRecord(media) || !Array.isArray(media.files)) return '"media.files" is missing'
  for (const file of media.files) {
    if (
      !isRecord(file) ||
      typeof file.key !== 'string' ||
      typeof file.bytes !== 'number' ||
      typeof file.sha256 !== 'string' ||
      !SHA256.test(file.sha256)
    ) {
      return `"media.files" has a malformed entry: ${JSON.stringify(file)}`
    }
  }
  return null
}

/** Reads and checks `<dir>/manifest.json`; throws a BackupError saying what is wrong. */
export const readManifest = (dir: string): BackupManifest => {
  const file = path.join(dir, MANIFEST_FILE)
  if (!fs.existsSync(file)) {
    throw new BackupError(`${file} is missing: ${dir} is not a backup made by npm run backup`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new BackupError(`${file} is not valid JSON (${(error as Error).message})`)
  }
  const problem = manifestProblem(parsed)
  if (problem) throw new BackupError(`${file} is not a valid backup manifest: ${problem}`)
  return parsed as BackupManifest
}

export const writeManifest = (dir: string, manifest: BackupManifest): void => {
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}
