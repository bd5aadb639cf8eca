/**
 * Starts the compiled server (`npm start`, test servers, benchmarks, docs examples), or with the
 * argument `worker` the jobs runner (`npm run worker`, src/worker.ts). Run it with
 * `--conditions=production`.
 *
 * Why the condition: Lexical's default Node entry points (`@lexical/*` `*.node.mjs`) wrap the
 * real module in a top-level-await dynamic import. With dozens of them in the server's module
 * graph, Node 20 now and then never settled the load (about one start in ten here): the import
 * below stayed pending with nothing printed, and the process exited with code 13. The
 * `production` export condition loads Lexical's modules directly.
 *
 * As a safety net, a load that still stalls for 20 s (nothing has started yet: no database, no
 * port) is abandoned for a fresh process, which this one then stands in for: it forwards signals
 * and exits with the new process's code. At most three attempts. A cluster's web worker (this
 * same script, forked by the primary) just exits instead: the primary replaces it.
 */
import { spawn } from 'node:child_process'
import cluster from 'node:cluster'

const STALL_MS = Number(process.env.STARTUP_STALL_MS ?? 20_000)
const MAX_ATTEMPTS = 3
const attempt = Number(process.env.MARKETPLACE_START_ATTEMPT ?? 1)

const keepAlive = setInterval(() => undefined, 2 ** 30)
let loaded = false
let replaced = false

const restartInFreshProcess = () => {
  replaced = true
  console.error(
    `marketplace: loading the server's modules stalled for ${STALL_MS} ms ` +
      `(attempt ${attempt} of ${MAX_ATTEMPTS}); starting a fresh process`,
  )
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MARKETPLACE_START_ATTEMPT: String(attempt + 1) },
  })
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const stallTimer = setTimeout(() => {
  if (loaded) return
  if (cluster.isWorker) {
    console.error(`marketplace: a web worker's modules stalled for ${STALL_MS} ms; exiting`)
    process.exit(75)
  }
  if (attempt >= MAX_ATTEMPTS) {
    console.error(`marketplace: loading the server's modules stalled ${attempt} times; giving up`)
    process.exit(75)
  }
  restartInFreshProcess()
}, STALL_MS)

// The jobs runner (`start.mjs worker`) loads the same modules and needs the same safety net.
const run =
  process.argv[2] === 'worker'
    ? (await import('../../dist/src/worker.js')).runWorker
    : (await import('../../dist/src/server.js')).runServer
loaded = true
clearTimeout(stallTimer)
// A load that finished after all, once a fresh process took over, must not start a second server.
if (!replaced) {
  try {
    await run()
  } finally {
    clearInterval(keepAlive)
  }
}
