/** Starting the bench's processes (the compiled server, the floor), shared by run.ts and cpu.ts. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { freePort } from '../src/lib/database'

/** The PAYLOAD_SECRET of every bench server (and of the migrations it applies first). */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef'

const log = (message: string) => console.log(`[bench] ${message}`)

export type Child = { url: string; process: ChildProcess; stop: () => Promise<void> }

const waitFor = async (url: string, child: ChildProcess, output: () => string) => {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited early (${child.exitCode ?? child.signalCode}):\n${output()}`)
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`did not start:\n${output()}`)
}

/** Starts `node args` in `cwd` on a free port and waits until `probePath` answers below 500. */
export const spawnChild = async (
  args: string[],
  env: Record<string, string>,
  probePath: string,
  cwd = process.cwd(),
): Promise<Child> => {
  const port = await freePort()
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)))
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)))
  const url = `http://127.0.0.1:${port}`
  await waitFor(`${url}${probePath}`, child, () => output)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url,
    process: child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** BENCH_CPU_PROF=dir: the servers write V8 CPU profiles there (open in Chrome DevTools). */
const profileFlags = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
  : []

/**
 * Starts the compiled server (from `cwd`, with `nodeFlags` such as a preloaded module before the
 * script); retried once, as a start now and then exits silently (see docs).
 */
export const startServer = async (
  databaseUrl: string,
  env: Record<string, string> = {},
  cwd = process.cwd(),
  nodeFlags: string[] = [],
) => {
  try {
    return await startServerOnce(databaseUrl, env, cwd, nodeFlags)
  } catch (error) {
    log(`server start failed, retrying once: ${String(error).slice(0, 200)}`)
    return startServerOnce(databaseUrl, env, cwd, nodeFlags)
  }
}

const startServerOnce = (
  databaseUrl: string,
  env: Record<string, string>,
  cwd: string,
  nodeFlags: string[],
) =>
  spawnChild(
    [...nodeFlags, ...profileFlags, '--conditions=production', 'src/bin/start.mjs'],
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_API: '100000000',
      RATE_LIMIT_CREDENTIALS: '100000000',
      REDIS_URL: '',
      WEB_CONCURRENCY: '1',
      PAYLOAD_SECRET: BENCH_SECRET,
      ORDER_ENCRYPTION_KEYS: 'bench:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=',
      ...env,
    },
    '/healthz',
    cwd,
  )

/** Applies the committed migrations to the bench database. */
export const migrateBenchDatabase = (databaseUrl: string): void => {
  log('migrating')
  const result = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'src/bin/payload.ts', 'migrate'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_OPTIONS: '--conditions=production',
        PAYLOAD_SECRET: BENCH_SECRET,
      },
    },
  )
  if (result.status !== 0) throw new Error('migrate failed')
}

/** Writes a run's report as `bench/results/<prefix><date>.json` and says where. */
export const saveReport = (report: { date: string }, prefix = ''): void => {
  const dir = path.join(process.cwd(), 'bench/results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${prefix}${report.date.replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  log(`saved ${path.relative(process.cwd(), file)}`)
}

/** Runs a bench's main function as the process's job: exit 0 when it ends, 1 when it fails. */
export const runBench = (main: () => Promise<void>): void => {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
