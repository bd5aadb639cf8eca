/**
 * `npm run fuzz`: builds when needed, starts the compiled server on a throwaway database seeded
 * with the demo store, fuzzes every route and method from its OpenAPI document as anonymous,
 * customer, vendor and staff callers, prints the counts and every finding, and exits 1 on any
 * response >= 500 or refused request that changed stored data.
 *
 * Budget (environment): FUZZ_MAX_CASES (cases per caller, spread over every route; default all),
 * FUZZ_CALLERS (comma-separated, default anonymous,customer,vendor,staff), FUZZ_OPERATIONS (a
 * regular expression over `METHOD /path`). Uses DATABASE_URL's server when set, else an embedded
 * PostgreSQL, as the tests do.
 */
import { spawnSync } from 'node:child_process'

import globalSetup from '../helpers/globalSetup'
import { startTestServer } from '../helpers/testServer'
import { type Caller, CALLERS, formatReport, FUZZ_SERVER_ENV, fuzzServer } from './fuzzer'

const build = spawnSync(process.execPath, ['src/bin/ensureBuild.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const callers = (process.env.FUZZ_CALLERS?.split(',') ?? [...CALLERS]) as Caller[]
const unknown = callers.filter((caller) => !CALLERS.includes(caller))
if (unknown.length) throw new Error(`FUZZ_CALLERS: unknown ${unknown.join(', ')}`)

await globalSetup()
let failed = true
try {
  const server = await startTestServer({ env: FUZZ_SERVER_ENV, readyTimeoutMs: 300_000 })
  try {
    const started = Date.now()
    const report = await fuzzServer(
      server,
      {
        callers,
        maxCasesPerCaller: process.env.FUZZ_MAX_CASES
          ? Number(process.env.FUZZ_MAX_CASES)
          : undefined,
        operations: process.env.FUZZ_OPERATIONS
          ? new RegExp(process.env.FUZZ_OPERATIONS)
          : undefined,
      },
      console.log,
    )
    console.log(formatReport(report))
    console.log(`took ${Math.round((Date.now() - started) / 1000)} s`)
    failed = report.serverErrors.length > 0 || report.storedChanges.length > 0
  } finally {
    await server.stop()
  }
} finally {
  await globalThis.__marketplaceTestTeardown?.()
}
process.exit(failed ? 1 : 0)
