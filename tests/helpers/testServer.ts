import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { freePort } from '../../src/lib/database'
import { createEmptyDatabase, dropDatabase } from './testDatabase'

export type TestServer = {
  url: string
  databaseUrl: string
  process: ChildProcess
  /** Everything the server printed so far. */
  output: () => string
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>
}

type Options = {
  env?: Record<string, string>
  /** Serve a fresh, empty database of its own (migrated by the server at start). Default: true. */
  freshDatabase?: boolean
  /** How long to wait for /healthz (seeding the demo takes a while on a busy machine). */
  readyTimeoutMs?: number
  /** Serve this database (e.g. another test server's); it is left in place on stop. */
  databaseUrl?: string
  /** Run in this directory, so uploads go to its `media/` (the build stays this checkout's). */
  cwd?: string
}

const waitForHealthy = async (
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      // 'exit' can come before the pipes drain: wait for them so the reason is in the message.
      await new Promise((resolve) => {
        child.once('close', resolve)
        setTimeout(resolve, 2000)
      })
      throw new Error(`server exited early (code ${child.exitCode}):\n${output()}`)
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server did not become healthy:\n${output()}`)
}

type Spawned = { child: ChildProcess; output: () => string; url: string }

const spawnServer = async (
  env: Record<string, string>,
  databaseUrl: string,
  readyTimeoutMs: number,
  cwd: string | undefined,
): Promise<Spawned> => {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ['--conditions=production', '--enable-source-maps', path.resolve('src/bin/start.mjs')],
    {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NODE_OPTIONS: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'info',
        SEED_DEMO: 'false',
        // One process per test server unless a test asks for a cluster (tests/api/cluster.test.ts).
        WEB_CONCURRENCY: '1',
        // With REDIS_URL (CI), rate-limit counters of their own: test servers all come from one IP.
        RATE_LIMIT_KEY_PREFIX: `marketplace-test:${randomBytes(6).toString('hex')}:rl:`,
        ...(cwd && { MARKETPLACE_ROOT: process.cwd() }),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let printed = ''
  child.stdout!.on('data', (chunk) => (printed += chunk))
  child.stderr!.on('data', (chunk) => (printed += chunk))
  const output = () => printed
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealthy(url, child, output, readyTimeoutMs)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return { child, output, url }
}

/**
 * A start-up that ended with nothing left to wait for: exit code 13 (Node's "unsettled top-level
 * await", seen while the server's module graph loads) or 0. A real start-up error exits 1.
 */
const SILENT_START_UP_EXIT = /exited early \(code (0|13)\)/

/** Spawns the compiled production server (`src/bin/start.mjs`) on a free port. */
export const startTestServer = async ({
  env = {},
  freshDatabase = true,
  readyTimeoutMs = 90_000,
  databaseUrl: sharedDatabaseUrl,
  cwd,
}: Options = {}): Promise<TestServer> => {
  const ownsDatabase = freshDatabase && !sharedDatabaseUrl
  const databaseUrl =
    sharedDatabaseUrl ??
    (freshDatabase ? await createEmptyDatabase('marketplace_http') : process.env.DATABASE_URL!)
  let spawned: Spawned
  try {
    spawned = await spawnServer(env, databaseUrl, readyTimeoutMs, cwd)
  } catch (error) {
    // On a loaded machine a Node start-up has been seen to end silently; one retry, said aloud.
    if (!SILENT_START_UP_EXIT.test(String(error))) throw error
    console.warn(`retrying a server start that ended silently:\n${String(error)}`)
    spawned = await spawnServer(env, databaseUrl, readyTimeoutMs, cwd)
  }
  const { child, output, url } = spawned
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return {
    url,
    databaseUrl,
    process: child,
    output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      if (ownsDatabase) await dropDatabase(databaseUrl).catch(() => undefined)
      return code
    },
  }
}
