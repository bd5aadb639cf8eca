/**
 * `npx tsx bench/cpu.ts` (with `NODE_OPTIONS=--conditions=production`): CPU time per request of
 * the uncached reads, for paired comparisons of builds on a shared, noisy machine. req/s on two
 * cores shared with other work swings by a factor of two between runs; the CPU a request costs
 * the server process (utime + stime of it and its children, /proc) moves far less, as it does
 * not count the time spent waiting for a core.
 *
 * On a throwaway Postgres with the bench's catalog it starts every build (and the floor) at once,
 * then per scenario fires bursts of a fixed number of requests with autocannon at each in turn (A
 * B, then B A, …: the order alternates every round) and reports, per build and scenario, the
 * server's and Postgres's CPU µs per request (median of the rounds, and every round). Servers run as the bench's do (production build, one
 * worker, cache off), with the jobs runner off (its once-a-second poll is not a request's cost).
 *
 * Environment: BENCH_BUILDS (comma-separated built checkouts, default the current directory),
 * BENCH_ROUNDS (default 3), BENCH_REQUESTS per burst (default 2000), BENCH_CONNECTIONS
 * (default 10), BENCH_PRODUCTS (default 100000), BENCH_SCENARIOS (comma-separated names of
 * SCENARIOS, default all), BENCH_WEB_CONCURRENCY (default 1), BENCH_CPU_PROF (a directory for the
 * servers' V8 CPU profiles), BENCH_ADMIN_URL (an existing Postgres's admin URL: its `bench`
 * database is prepared on the first run and reused by later ones; default a throwaway Postgres).
 */
import autocannon from 'autocannon'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { startThrowawayPostgres } from '../src/lib/database'
import { benchCustomers, sampleProductIds, seedCatalog } from './catalog'
import {
  type Child,
  migrateBenchDatabase,
  runBench,
  saveReport,
  spawnChild,
  startServer,
} from './servers'

const BUILDS = (process.env.BENCH_BUILDS ?? '.').split(',').map((dir) => path.resolve(dir))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000)
const WORKERS = process.env.BENCH_WEB_CONCURRENCY ?? '1'
const TICK_US = 1e6 / Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100)

const log = (message: string) => console.log(`[cpu] ${message}`)

/** utime + stime (+ the reaped children's) of one process, in µs; 0 once it is gone. */
const processCpu = (pid: number, withReaped = false): number => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields from the 3rd (state): utime 14, stime 15, cutime 16, cstime 17 (1-based, proc(5)).
    const ticks = [11, 12, ...(withReaped ? [13, 14] : [])].reduce(
      (sum, index) => sum + Number(fields[index]),
      0,
    )
    return ticks * TICK_US
  } catch {
    return 0
  }
}

const parentOf = (pid: number): number | undefined => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

/** CPU µs of a process and all its descendants (live ones, and those it has reaped). */
const treeCpu = (root: number): number => {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const parent = parentOf(Number(entry))
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const sum = (pid: number): number =>
    processCpu(pid, true) +
    (children.get(pid) ?? []).reduce((total, child) => total + sum(child), 0)
  return sum(root)
}

/** A build's server as the bench starts it, with the cache and the jobs runner off. */
const startBuild = (dir: string, databaseUrl: string) =>
  startServer(
    databaseUrl,
    { WEB_CONCURRENCY: WORKERS, CACHE_ENABLED: 'false', JOBS_AUTORUN: 'false' },
    dir,
  )

type Scenario = { name: string; floor?: boolean; request: () => autocannon.Request }

type Sample = { serverUs: number; postgresUs: number; requestsPerSecond: number; non2xx: number }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Fires `amount` requests and returns the CPU each process tree spent on them, per request. */
const measure = async (
  url: string,
  request: () => autocannon.Request,
  amount: number,
  serverPid: number,
  postgresPid: number,
): Promise<Sample> => {
  const server = treeCpu(serverPid)
  const postgres = treeCpu(postgresPid)
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [{ setupRequest: (base) => ({ ...base, ...request() }) }],
  })
  return {
    serverUs: (treeCpu(serverPid) - server) / amount,
    postgresUs: (treeCpu(postgresPid) - postgres) / amount,
    requestsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx + result.errors,
  }
}

const CUSTOMER = { email: 'bench-customer-0@example.test', password: 'Bench-Pass-123' }

/** A signed-in customer's token: the bench's first customer, created on a new database. */
const customerToken = async (url: string): Promise<string> => {
  const login = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(CUSTOMER),
  })
  if (login.ok) return ((await login.json()) as { token: string }).token
  return (await benchCustomers(url, 1))[0]
}

const main = async () => {
  const cluster = process.env.BENCH_ADMIN_URL
    ? { adminUrl: process.env.BENCH_ADMIN_URL, stop: async () => undefined }
    : await startThrowawayPostgres()
  const databaseUrl = Object.assign(new URL(cluster.adminUrl), { pathname: '/bench' }).href
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl })
    await admin.connect()
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE bench')
    const backend = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
    const postgresPid = parentOf(backend.pid)!
    await admin.end()
    if (exists.rowCount === 0) {
      migrateBenchDatabase(databaseUrl)
      await seedCatalog(databaseUrl, PRODUCTS)
    }
    const ids = await sampleProductIds(databaseUrl)

    const first = await startBuild(BUILDS[0], databaseUrl)
    const token = await customerToken(first.url)
    await first.stop()

    let pick = 0
    const listPath = '/api/products?limit=20&depth=1'
    const SCENARIOS: Record<string, Scenario> = {
      floor: { name: 'floor: node:http + pg, one SQL', floor: true, request: () => ({}) },
      list: { name: 'list, anonymous', request: () => ({ path: listPath }) },
      detail: {
        name: 'detail, anonymous (1000 random ids)',
        request: () => ({ path: `/api/products/${ids[(pick += 1) % ids.length]}?depth=1` }),
      },
      signedIn: {
        name: 'list, signed-in customer',
        request: () => ({ path: listPath, headers: { Authorization: `JWT ${token}` } }),
      },
    }
    const chosen = (process.env.BENCH_SCENARIOS ?? Object.keys(SCENARIOS).join(','))
      .split(',')
      .map((name) => SCENARIOS[name])
    const samples = new Map<string, Sample[]>()
    const record = (build: string, scenario: Scenario, sample: Sample) => {
      const key = `${scenario.name}\u0000${build}`
      samples.set(key, [...(samples.get(key) ?? []), sample])
      log(
        `${scenario.name} | ${build}: server ${sample.serverUs.toFixed(0)} µs/req, postgres ` +
          `${sample.postgresUs.toFixed(0)} µs/req, ${sample.requestsPerSecond} req/s` +
          (sample.non2xx ? `, ${sample.non2xx} failed` : ''),
      )
    }

    // Every build (and the floor) is up at once and the scenario's bursts alternate between them
    // (A B, B A, …), so a change in the machine's load hits all of them alike.
    type Target = { name: string; server: Child }
    const targets: Target[] = []
    const floorTargets: Target[] = []
    try {
      if (chosen.some(({ floor }) => floor)) {
        const floor = await spawnChild(
          ['node_modules/tsx/dist/cli.mjs', 'bench/floor.ts'],
          { DATABASE_URL: databaseUrl },
          '/products',
        )
        floorTargets.push({ name: 'floor', server: floor })
      }
      for (const build of BUILDS)
        targets.push({ name: build, server: await startBuild(build, databaseUrl) })
      for (const scenario of chosen) {
        const list = scenario.floor ? floorTargets : targets
        const url = (target: Target) =>
          scenario.floor ? `${target.server.url}/products` : target.server.url
        for (const target of list)
          await measure(url(target), scenario.request, 300, target.server.process.pid!, postgresPid)
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const target of round % 2 ? [...list].reverse() : list) {
            const pid = target.server.process.pid!
            const sample = await measure(url(target), scenario.request, REQUESTS, pid, postgresPid)
            record(target.name, scenario, sample)
          }
        }
      }
    } finally {
      for (const target of [...floorTargets, ...targets]) await target.server.stop()
    }

    const rows = [...samples].map(([key, list]) => {
      const [scenario, build] = key.split('\u0000')
      return {
        scenario,
        build: build === 'floor' ? '' : path.relative(process.cwd(), build) || '.',
        'server µs/req': Math.round(median(list.map((sample) => sample.serverUs))),
        'postgres µs/req': Math.round(median(list.map((sample) => sample.postgresUs))),
        'req/s': Math.round(median(list.map((sample) => sample.requestsPerSecond))),
        rounds: list.map((sample) => Math.round(sample.serverUs)).join(' '),
      }
    })
    console.table(rows)
    const report = {
      date: new Date().toISOString(),
      loadAverage: os.loadavg()[0],
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      products: PRODUCTS,
      requests: REQUESTS,
      connections: CONNECTIONS,
      webConcurrency: WORKERS,
      builds: BUILDS,
      rows,
      samples: Object.fromEntries(samples),
    }
    saveReport(report, 'cpu-')
  } finally {
    await cluster.stop()
  }
}

runBench(main)
