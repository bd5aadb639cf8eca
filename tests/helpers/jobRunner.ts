import { type ChildProcess, spawn } from 'node:child_process'

export type JobRunnerProcess = {
  process: ChildProcess
  /** Everything the runner printed so far. */
  output: () => string
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>
  /** Resolves once the runner logged that it polls the queue; rejects if it exits first. */
  started: (timeoutMs?: number) => Promise<void>
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>
}

/**
 * `src/bin/start.mjs worker` (what `npm run worker` runs), compiled, in production mode: `env`
 * names at least its `DATABASE_URL` and `PUBLIC_URL` (the origin of the links it emails).
 */
export const spawnJobRunner = (env: Record<string, string>): JobRunnerProcess => {
  const child = spawn(
    process.execPath,
    ['--conditions=production', '--enable-source-maps', 'src/bin/start.mjs', 'worker'],
    {
      env: { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let printed = ''
  child.stdout!.on('data', (chunk) => (printed += chunk))
  child.stderr!.on('data', (chunk) => (printed += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const output = () => printed
  return {
    process: child,
    output,
    exited,
    started: async (timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs
      while (!printed.includes('jobs runner started')) {
        if (child.exitCode !== null) {
          throw new Error(`the job runner exited (code ${child.exitCode}):\n${printed}`)
        }
        if (Date.now() > deadline) throw new Error(`the job runner did not start:\n${printed}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
