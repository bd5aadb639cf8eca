import { type ChildProcess, spawn } from 'node:child_process'

import { freePort } from '../../src/lib/database'
import { createEmptyDatabase, dropDatabase } from './testDatabase'

export type TestServer = {
  url: string
  databaseUrl: string
  process: ChildProcess
  /** Everything the server printed so far. */
  output: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>
}

type Options = {
  env?: Record<string, string>
  /** Serve a fresh, empty database of its own (migrated by the server at start). Default: true. */
  freshDatabase?: boolean
  /** Serve this database (e.g. another test server's); it is left in place on stop. */
  databaseUrl?: string
}

const waitForHealthy = async (
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> => {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`)
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

/** Spawns the compiled production server (`dist/src/server.js`) on a free port. */
export const startTestServer = async ({
  env = {},
  freshDatabase = true,
  databaseUrl: sharedDatabaseUrl,
}: Options = {}): Promise<TestServer> => {
  const port = await freePort()
  const ownsDatabase = freshDatabase && !sharedDatabaseUrl
  const databaseUrl =
    sharedDatabaseUrl ??
    (freshDatabase ? await createEmptyDatabase('marketplace_http') : process.env.DATABASE_URL!)
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/server.js'], {
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
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  child.stdout!.on('data', (chunk) => (printed += chunk))
  child.stderr!.on('data', (chunk) => (printed += chunk))
  const output = () => printed
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealthy(url, child, output)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return {
    url,
    databaseUrl,
    process: child,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      if (ownsDatabase) await dropDatabase(databaseUrl).catch(() => undefined)
      return code
    },
  }
}
