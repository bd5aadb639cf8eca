import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type pg from 'pg'

const run = promisify(execFile)

export type PostgresTool = 'pg_dump' | 'pg_restore'

/** A client tool found on this machine, with the PostgreSQL major version it reports. */
export type LocatedTool = { path: string; version: string; major: number }

/** The major version of a server (`server_version_num` 150020 → 15; 9.x servers are long gone). */
export const serverMajorOf = (versionNum: number): number => Math.floor(versionNum / 10_000)

/** The version a server reports: the full string (`15.20`) and its major. */
export const serverVersion = async (
  client: pg.ClientBase,
): Promise<{ version: string; major: number }> => {
  const { rows } = await client.query<{ version: string; num: string }>(
    `SELECT current_setting('server_version') AS version,
            current_setting('server_version_num') AS num`,
  )
  return { version: rows[0].version.split(' ')[0], major: serverMajorOf(Number(rows[0].num)) }
}

/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` → `15.20`, major 15. */
export const parseToolVersion = (output: string): { version: string; major: number } | null => {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output)
  if (!match) return null
  return { version: match[2] ? `${match[1]}.${match[2]}` : match[1], major: Number(match[1]) }
}

const toolVersion = async (file: string): Promise<LocatedTool | null> => {
  try {
    const { stdout } = await run(file, ['--version'], { timeout: 10_000 })
    const parsed = parseToolVersion(stdout)
    return parsed && { path: file, ...parsed }
  } catch {
    return null
  }
}

const executable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** Debian and Ubuntu keep each major's client tools in /usr/lib/postgresql/<major>/bin. */
const DEBIAN_ROOT = '/usr/lib/postgresql'

/**
 * Where to look for `tool`, in order: `PG_BIN_DIR` alone when it is set (an explicit choice is
 * never second-guessed), otherwise `/usr/lib/postgresql/<wanted>/bin`, every directory on `PATH`,
 * then the other majors under /usr/lib/postgresql (newest first).
 */
const candidates = (tool: PostgresTool, wantedMajor: number, env: NodeJS.ProcessEnv): string[] => {
  if (env.PG_BIN_DIR) return [path.join(env.PG_BIN_DIR, tool)]
  const debianMajors = fs.existsSync(DEBIAN_ROOT)
    ? fs
        .readdirSync(DEBIAN_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const dirs = [
    path.join(DEBIAN_ROOT, String(wantedMajor), 'bin'),
    ...(env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...debianMajors.map((major) => path.join(DEBIAN_ROOT, major, 'bin')),
  ]
  return [...new Set(dirs.map((dir) => path.join(dir, tool)))].filter(executable)
}

type Wanted = {
  /** The major to prefer (the server's). */
  preferred: number
  /** The lowest major that will do. */
  atLeast: number
  /** Why, for the error message. */
  reason: string
}

/**
 * Finds `tool` for a server: the one whose major is `preferred`, else the lowest major above
 * `atLeast` that exists. Throws an error that says what was found and what to install.
 */
export const locatePostgresTool = async (
  tool: PostgresTool,
  { preferred, atLeast, reason }: Wanted,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocatedTool> => {
  const found = (
    await Promise.all(candidates(tool, preferred, env).map((file) => toolVersion(file)))
  ).filter((located): located is LocatedTool => located !== null)
  const exact = found.find((located) => located.major === preferred)
  const usable = found
    .filter((located) => located.major >= atLeast)
    .sort((a, b) => a.major - b.major)
  const chosen = exact ?? usable[0]
  if (chosen) return chosen
  const seen = found.length
    ? `found: ${found.map((located) => `${located.path} (${located.version})`).join(', ')}`
    : env.PG_BIN_DIR
      ? `PG_BIN_DIR=${env.PG_BIN_DIR} has no working ${tool}`
      : `no ${tool} on PATH or under ${DEBIAN_ROOT}`
  throw new Error(
    `${tool} ${preferred} is needed: ${reason}; ${seen}. Install the PostgreSQL ${preferred} ` +
      `client tools (Debian/Ubuntu: postgresql-client-${preferred} from apt.postgresql.org) or ` +
      `set PG_BIN_DIR to the directory that holds them.`,
  )
}

/**
 * What libpq's tools need to reach the database `url`: the URL without its password (which would
 * show in the process list) for `--dbname`, and the password in `PGPASSWORD`.
 */
export const libpqConnection = (url: string): { dbname: string; env: Record<string, string> } => {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} }
}

/** The database name in a connection URL. */
export const databaseNameOf = (url: string): string =>
  decodeURIComponent(new URL(url).pathname.slice(1))
