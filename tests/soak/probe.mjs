/**
 * Preloaded into the server by `npm run soak` (`NODE_OPTIONS=--import …/probe.mjs`), never in
 * production: every SOAK_PROBE_INTERVAL_MS it appends the process's memory and event-loop delay
 * since the last sample, as one JSON line, to SOAK_PROBE_FILE.
 */
import fs from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.SOAK_PROBE_FILE
const intervalMs = Number(process.env.SOAK_PROBE_INTERVAL_MS ?? 5000)
const MiB = 1024 * 1024
const toMs = (nanoseconds) => Math.round(nanoseconds / 1e4) / 100

if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const sample = () => {
    const memory = process.memoryUsage()
    const line = {
      at: Date.now(),
      rssMiB: Math.round(memory.rss / MiB),
      heapUsedMiB: Math.round(memory.heapUsed / MiB),
      heapTotalMiB: Math.round(memory.heapTotal / MiB),
      externalMiB: Math.round(memory.external / MiB),
      loopDelayMs: {
        p50: toMs(delay.percentile(50)),
        p99: toMs(delay.percentile(99)),
        max: toMs(delay.max),
      },
    }
    delay.reset()
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`)
  }
  setInterval(sample, intervalMs).unref()
}
