/**
 * Builds the app (Next bundle + compiled server) when it is missing or older than its sources, so
 * `npm start` and `npm test` work straight after `npm install` and stay quick on a built tree.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = process.cwd()
const SOURCES = [
  'payload.config.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
  'collections',
  'access',
  'hooks',
  'src',
]
const OUTPUTS = ['.next/BUILD_ID', 'dist/src/server.js', 'dist/src/worker.js']

const newestMtime = (entry) => {
  const full = path.join(root, entry)
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(full))
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

const outputTimes = OUTPUTS.map((file) => newestMtime(file))
const sourceTime = Math.max(...SOURCES.map(newestMtime))
if (outputTimes.every((time) => time > sourceTime)) process.exit(0)

console.log('Building Marketplace (first run or sources changed)…')
const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
process.exit(result.status ?? 1)
