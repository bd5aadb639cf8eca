/**
 * `npm run cluster:smoke`: starts two web instances and one job runner (the compiled production
 * processes) on one PostgreSQL, sharing Redis and an S3 bucket, and runs the multi-instance flow
 * (tests/smoke/clusterFlow.ts, which tests/api/clusterSmoke.test.ts runs too), printing each
 * step with its time. Exits 1 when a step fails (with the processes' last log lines), 0 when all
 * pass. Needs Redis: `REDIS_URL`, default redis://127.0.0.1:6379.
 */
import { spawnSync } from 'node:child_process'

import { runClusterSmokeFlow } from './clusterFlow'
import { type ClusterTopology, redisAnswers, startClusterTopology } from './topology'

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const log = (message: string) => console.log(`[cluster:smoke] ${message}`)

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Runs one named step, printing it with its time; rethrows its failure. */
const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const started = Date.now()
  try {
    const result = await run()
    log(`ok   ${name} (${seconds(Date.now() - started)})`)
    return result
  } catch (error) {
    log(`FAIL ${name} (${seconds(Date.now() - started)})`)
    throw error
  }
}

const main = async (): Promise<number> => {
  const build = spawnSync(process.execPath, ['src/bin/ensureBuild.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) return build.status ?? 1
  if (!(await redisAnswers(redisUrl))) {
    log(`Redis does not answer at ${redisUrl}: start it or set REDIS_URL; nothing was run`)
    return 1
  }
  const started = Date.now()
  let topology: ClusterTopology | undefined
  // Ctrl-C: the database servers run detached (pg_ctl), so stop everything before leaving.
  process.once('SIGINT', () => {
    log('interrupted: stopping every process and service')
    void (topology?.stop() ?? Promise.resolve()).finally(() => process.exit(130))
  })
  try {
    log('starting the topology')
    topology = await startClusterTopology({ redisUrl, step: timed })
    log(`database: ${topology.database.description}`)
    log(`web A ${topology.a.url}, web B ${topology.b.url}, S3 ${topology.s3.endpoint}`)
    log('running the flow')
    await runClusterSmokeFlow({ topology }, timed, (name, why) => log(`skip ${name}: ${why}`))
    log(`all steps passed (${seconds(Date.now() - started)})`)
    return 0
  } catch (error) {
    console.error(error)
    if (topology) console.error(topology.outputTails())
    return 1
  } finally {
    if (topology) {
      const codes = await timed('stop every process and service', () => topology!.stop())
      log(`exit codes: ${JSON.stringify(codes)}`)
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
