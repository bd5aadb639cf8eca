/**
 * `npm run docs:examples`: starts the compiled server on a throwaway embedded Postgres with the
 * demo seed, runs every example of docs/examples/examples.ts and writes the real responses into
 * docs/API.md between the `<!-- example:id -->` markers.
 *
 *   --check   write nothing; fail when a status differs or the guide and the examples disagree
 *   --strict  also fail on examples of endpoints not merged yet (`pending`), as after a merge
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import * as prettier from 'prettier'

import { embeddedUrl, freePort, startThrowawayPostgres } from '../../src/lib/database'
import { examples } from './examples'
import { fillGuide, guideExampleIds } from './guide'
import { runExamples } from './run'

const GUIDE = path.resolve('docs/API.md')
const args = new Set(process.argv.slice(2))
const check = args.has('--check')
const strict = args.has('--strict')

const built = spawnSync(process.execPath, ['src/bin/ensureBuild.mjs'], { stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

const cluster = await startThrowawayPostgres()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-docs-'))
const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ['--conditions=production', 'src/bin/start.mjs'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATABASE_URL: embeddedUrl(cluster.port, 'marketplace_docs'),
    DATA_DIR: dataDir,
    PAYLOAD_SECRET: 'docs-examples-secret-0123456789abcdef',
    ORDER_ENCRYPTION_KEYS: `docs:${randomBytes(32).toString('base64')}`,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    // One process: the examples are the same on every run (no worker index in /readyz).
    WEB_CONCURRENCY: '1',
    // Small enough that the 413 example needs only a 1.2 MB file.
    MAX_UPLOAD_BYTES: String(1024 * 1024),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
server.stdout.on('data', (chunk) => (output += chunk))
server.stderr.on('data', (chunk) => (output += chunk))

let failed = false
try {
  const deadline = Date.now() + 180_000
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(`server exited (${server.exitCode}):\n${output}`)
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (healthy) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  const results = await runExamples(baseUrl)
  for (const result of results) {
    const { example } = result
    const mark = result.ok ? 'ok  ' : example.pending ? 'TODO' : 'FAIL'
    console.log(
      `${mark} ${example.id.padEnd(26)} ${example.method} ${example.path} → ${result.status} (expected ${example.status})${!result.ok && example.pending ? ` [pending issue #${example.pending}]` : ''}`,
    )
    if (!result.ok && (!example.pending || strict)) failed = true
  }

  const guide = fs.readFileSync(GUIDE, 'utf8')
  const inGuide = guideExampleIds(guide)
  const known = examples.map((example) => example.id)
  const missing = known.filter((id) => !inGuide.includes(id))
  const unknown = inGuide.filter((id) => !known.includes(id))
  if (missing.length || unknown.length) {
    console.error(`docs/API.md lacks blocks for: ${missing.join(', ') || '-'}`)
    console.error(`docs/API.md has blocks for unknown examples: ${unknown.join(', ') || '-'}`)
    failed = true
  }
  if (!check && !failed) {
    // Formatted as `npm run format:check` expects.
    const options = (await prettier.resolveConfig(GUIDE)) ?? {}
    const formatted = await prettier.format(fillGuide(guide, results), {
      ...options,
      filepath: GUIDE,
    })
    fs.writeFileSync(GUIDE, formatted)
    console.log(`Wrote ${results.length} examples into docs/API.md`)
  }
} catch (error) {
  console.error(error)
  failed = true
} finally {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
  await cluster.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
