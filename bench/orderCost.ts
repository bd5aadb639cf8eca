/**
 * `npm run bench:order-cost`: what one order costs, in quantities that do not depend on how busy
 * the machine is: SQL statements per placed order (counted in the server by
 * `bench/statementCounter.mjs`), the server's and Postgres's CPU time per order
 * (`/proc/<pid>/stat` utime + stime), and, with several clients on the same products, how many
 * database sessions wait for a lock. Never part of `npm test`.
 *
 * 1. a throwaway embedded Postgres, the committed migrations, a small catalog;
 * 2. the compiled server (WEB_CONCURRENCY=1, jobs runner off so its poll is not counted);
 * 3. `ORDER_COST_SEQUENTIAL` orders (default 300) one after the other by one client, after a
 *    warm-up: statements and CPU per order, no lock waits possible;
 * 4. `ORDER_COST_SECONDS` (default 8) of `ORDER_COST_CONNECTIONS` (default 10) clients ordering one
 *    unit of the same 5 products: placed/s, CPU per order, and pg_stat_activity sampled every
 *    20 ms (sessions running, sessions waiting for a lock);
 * 5. the same number of clients reading 8 cached list pages while 20 orders/s are placed: the
 *    statements the reads cause (their cache rebuilds) per second.
 * ORDER_COST_BASELINE=<a checkout with its own build> also starts that checkout's server on the
 * same database and alternates the two (blocks of 25 orders; contended runs A, B, A, B), so a
 * change is compared under the same machine load. BENCH_CPU_PROF=dir writes the servers' V8 CPU
 * profiles there. Prints a summary and saves JSON under bench/results/ (`order-cost-*.json`).
 */
import autocannon from 'autocannon'
import { type ChildProcess, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { benchCustomers } from './catalog'
import { migratedBenchDatabase } from './database'
import { runBench, saveReport, startServer } from './servers'
import { benchOrder, orderRequests } from './orders'

const SEQUENTIAL = Number(process.env.ORDER_COST_SEQUENTIAL ?? 300)
const SECONDS = Number(process.env.ORDER_COST_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.ORDER_COST_CONNECTIONS ?? 10)
/** The order rate while the cached reads are measured. */
const ORDERS_PER_SECOND = 20
const PRODUCTS = 2000
const CUSTOMERS = 20
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100)

const log = (message: string) => console.log(`[order-cost] ${message}`)

/** utime + stime of a process, in ms. */
const cpuMs = (pid: number): number => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

/** Processes whose parent is `pid`, found by scanning /proc. */
const childrenOf = (pid: number): number[] =>
  fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)

/** The embedded cluster's postmaster: the `postgres` process started with `-p <port>`. */
const postmasterOf = (port: number): number => {
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      const flag = args.indexOf('-p')
      if (args[0].endsWith('postgres') && flag >= 0 && args[flag + 1] === String(port)) {
        return Number(entry)
      }
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no postmaster on port ${port}`)
}

/** CPU of the postmaster and its backends now alive, in ms (pool connections stay alive). */
const databaseCpuMs = (postmaster: number): number =>
  [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => {
    try {
      return sum + cpuMs(pid)
    } catch {
      return sum
    }
  }, 0)

const statementCounts = async (
  server: ChildProcess,
  countFile: string,
): Promise<Record<string, number>> => {
  fs.rmSync(countFile, { force: true })
  server.kill('SIGUSR2')
  for (let tries = 0; tries < 100 && !fs.existsSync(countFile); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return JSON.parse(fs.readFileSync(countFile, 'utf8')) as Record<string, number>
}

const difference = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([text, count]) => [text, count - (before[text] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  )

const kindOf = (text: string): string => text.split(' ')[0].toUpperCase() || '(empty)'

type Snapshot = { statements: Record<string, number>; serverCpu: number; databaseCpu: number }

const seed = async (databaseUrl: string): Promise<number[]> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query(`INSERT INTO categories (name, slug) VALUES ('Phones', 'phones')`)
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO products (brand, model, slug, description, category_id, price, discount,
       final_price, stock, available, status, rating_average, rating_count, created_at, updated_at)
     SELECT 'Brand ' || (g % 30), 'Model ' || g, 'product-' || g,
            '{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"A phone"}]}]}}'::jsonb,
            (SELECT id FROM categories LIMIT 1), 100 + g % 900, 0, 100 + g % 900, 1000000, true,
            'approved', 0, 0, now(), now()
       FROM generate_series(1, $1::int) AS g
     RETURNING id`,
    [PRODUCTS],
  )
  await client.query('VACUUM ANALYZE')
  await client.end()
  return rows.map((row) => row.id)
}

const json = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json().catch(() => null)) as never }
}

const post = (url: string, body: unknown, token?: string) =>
  json(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `JWT ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })

/** A server of the checkout at `root` that counts its SQL statements (bench/statementCounter.mjs). */
const startCountingServer = (databaseUrl: string, root: string, countFile: string) =>
  startServer(databaseUrl, { JOBS_AUTORUN: 'false', STATEMENT_COUNT_FILE: countFile }, root, [
    '--import',
    path.resolve('bench/statementCounter.mjs'),
  ])

/** Samples pg_stat_activity until stopped: mean sessions active and waiting for a lock. */
const sampleActivity = (databaseUrl: string) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  let stopped = false
  const totals = { samples: 0, active: 0, lockWaits: 0 }
  const done = (async () => {
    await client.connect()
    while (!stopped) {
      const { rows } = await client.query<{ active: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE state = 'active') AS active,
                count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
      totals.samples += 1
      totals.active += Number(rows[0].active)
      totals.lockWaits += Number(rows[0].waiting)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await client.end()
  })()
  return async () => {
    stopped = true
    await done
    return {
      meanActive: Number((totals.active / Math.max(1, totals.samples)).toFixed(2)),
      meanLockWaiting: Number((totals.lockWaits / Math.max(1, totals.samples)).toFixed(2)),
    }
  }
}

type Totals = {
  orders: number
  statements: Record<string, number>
  serverCpu: number
  databaseCpu: number
}

const emptyTotals = (): Totals => ({ orders: 0, statements: {}, serverCpu: 0, databaseCpu: 0 })

/** Adds what `orders` orders cost between two snapshots. */
const add = (totals: Totals, before: Snapshot, after: Snapshot, orders: number): void => {
  totals.orders += orders
  for (const [text, count] of Object.entries(difference(after.statements, before.statements))) {
    totals.statements[text] = (totals.statements[text] ?? 0) + count
  }
  totals.serverCpu += after.serverCpu - before.serverCpu
  totals.databaseCpu += after.databaseCpu - before.databaseCpu
}

const perOrder = ({ orders, statements, serverCpu, databaseCpu }: Totals) => {
  const byKind: Record<string, number> = {}
  for (const [text, count] of Object.entries(statements)) {
    byKind[kindOf(text)] = (byKind[kindOf(text)] ?? 0) + count
  }
  const total = Object.values(statements).reduce((sum, count) => sum + count, 0)
  const round = (value: number) => Number(value.toFixed(2))
  return {
    orders,
    statementsPerOrder: round(total / orders),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, count]) => [kind, round(count / orders)]),
    ),
    statements: Object.entries(statements)
      .sort((a, b) => b[1] - a[1])
      .map(([text, count]) => ({ perOrder: round(count / orders), text: text.slice(0, 240) })),
    serverCpuMsPerOrder: round(serverCpu / orders),
    databaseCpuMsPerOrder: round(databaseCpu / orders),
  }
}

const main = async () => {
  const loadAtStart = os.loadavg()[0].toFixed(2)
  spawnSync('node', ['src/bin/ensureBuild.mjs'], { stdio: 'inherit' })
  const cluster = await migratedBenchDatabase('cost')
  const { databaseUrl } = cluster
  const children: ChildProcess[] = []
  try {
    const products = await seed(databaseUrl)
    const roots = [
      { name: 'this checkout', root: process.cwd() },
      ...(process.env.ORDER_COST_BASELINE
        ? [{ name: 'baseline', root: path.resolve(process.env.ORDER_COST_BASELINE) }]
        : []),
    ]
    const postmaster = postmasterOf(cluster.port)
    const servers = []
    for (const [index, { name, root }] of roots.entries()) {
      const countFile = path.join(os.tmpdir(), `order-cost-statements-${process.pid}-${index}.json`)
      const started = await startCountingServer(databaseUrl, root, countFile)
      children.push(started.process)
      servers.push({
        name,
        ordersUrl: `${started.url}/api/orders`,
        snapshot: async (): Promise<Snapshot> => ({
          statements: await statementCounts(started.process, countFile),
          serverCpu: cpuMs(started.process.pid!),
          databaseCpu: databaseCpuMs(postmaster),
        }),
        sequential: emptyTotals(),
        contended: emptyTotals(),
        failed: 0,
        placed: 0,
        seconds: 0,
        latencies: [] as number[],
        lockWaiting: [] as number[],
        active: [] as number[],
        reading: [] as Array<Record<string, number>>,
      })
    }
    const tokens = await benchCustomers(servers[0].ordersUrl.replace('/api/orders', ''), CUSTOMERS)

    log('warm-up: 100 orders a server')
    for (const server of servers) {
      for (let index = 0; index < 100; index += 1) {
        await post(
          server.ordersUrl,
          benchOrder(products[500 + (index % 50)]),
          tokens[index % CUSTOMERS],
        )
      }
    }

    log(`${SEQUENTIAL} orders a server, one client, in blocks of 25 taking turns`)
    let next = 0
    for (let block = 0; block < SEQUENTIAL / 25; block += 1) {
      for (const server of servers) {
        const before = await server.snapshot()
        for (let index = 0; index < 25; index += 1) {
          next += 1
          const placed = await post(
            server.ordersUrl,
            benchOrder(products[next % 1000]),
            tokens[next % CUSTOMERS],
          )
          if (placed.status !== 201) server.failed += 1
        }
        add(server.sequential, before, await server.snapshot(), 25)
      }
    }

    // Products the one-client run did not order from.
    const contendedProducts = products.slice(-5)
    const check = new pg.Client({ connectionString: databaseUrl })
    await check.connect()
    const soldNow = async () => {
      const { rows } = await check.query<{ sold: string; min: string }>(
        `SELECT sum(1000000 - stock) AS sold, min(stock) AS min FROM products WHERE id = ANY($1)`,
        [contendedProducts],
      )
      return { sold: Number(rows[0].sold), negative: Number(rows[0].min) < 0 }
    }
    let negativeStock = false
    log(`${CONNECTIONS} clients on 5 products, ${SECONDS} s a server in two turns`)
    for (let round = 0; round < 2; round += 1) {
      for (const server of servers) {
        const soldBefore = await soldNow()
        const before = await server.snapshot()
        const stopSampling = sampleActivity(databaseUrl)
        const result = await autocannon({
          url: server.ordersUrl,
          method: 'POST',
          connections: CONNECTIONS,
          duration: SECONDS / 2,
          requests: orderRequests(tokens, (counter) => contendedProducts[counter % 5]),
        })
        const activity = await stopSampling()
        // Requests in flight at the stop still finish; let them before the snapshot.
        await new Promise((resolve) => setTimeout(resolve, 1000))
        const soldAfter = await soldNow()
        negativeStock ||= soldAfter.negative
        add(server.contended, before, await server.snapshot(), soldAfter.sold - soldBefore.sold)
        server.placed += result['2xx']
        server.seconds += result.duration
        server.latencies.push(result.latency.p50, result.latency.p99)
        server.lockWaiting.push(activity.meanLockWaiting)
        server.active.push(activity.meanActive)
      }
    }
    await check.end()

    // Anonymous catalog reads (8 list pages, from the cache) while orders come in at a fixed
    // rate: the statements the reads cause are the cache's rebuilds.
    const orderStatements = new Set(
      servers.flatMap((server) => Object.keys(server.sequential.statements)),
    )
    log(
      `${CONNECTIONS} clients reading 8 cached pages while ${ORDERS_PER_SECOND} orders/s are placed`,
    )
    for (let round = 0; round < 2; round += 1) {
      for (const server of servers) {
        const base = server.ordersUrl.replace('/api/orders', '')
        let page = 0
        const before = await server.snapshot()
        const orders = autocannon({
          url: server.ordersUrl,
          method: 'POST',
          connections: CONNECTIONS,
          overallRate: ORDERS_PER_SECOND,
          duration: SECONDS / 2,
          requests: orderRequests(tokens, (counter) => products[1000 + (counter % 900)]),
        })
        const reads = await autocannon({
          url: base,
          connections: CONNECTIONS,
          duration: SECONDS / 2,
          requests: [
            {
              setupRequest: (request) => {
                page += 1
                return { ...request, path: `/api/products?limit=20&depth=1&page=${1 + (page % 8)}` }
              },
            },
          ],
        })
        const placed = await orders
        const after = await server.snapshot()
        const readStatements = Object.entries(difference(after.statements, before.statements))
          .filter(([text]) => !orderStatements.has(text))
          .reduce((sum, [, count]) => sum + count, 0)
        server.reading.push({
          readsPerSecond: Math.round(reads.requests.average),
          readP99: reads.latency.p99,
          ordersPerSecond: Math.round(placed['2xx'] / placed.duration),
          readStatementsPerSecond: Math.round(readStatements / reads.duration),
        })
      }
    }

    const report = {
      date: new Date().toISOString(),
      loadAverage: { start: Number(loadAtStart), end: Number(os.loadavg()[0].toFixed(2)) },
      negativeStock,
      servers: servers.map((server) => ({
        name: server.name,
        sequential: { ...perOrder(server.sequential), failed: server.failed },
        contended: {
          ...perOrder(server.contended),
          placedPerSecond: Math.round(server.placed / server.seconds),
          p50p99: server.latencies,
          meanSessionsActive: server.active,
          meanSessionsWaitingForALock: server.lockWaiting,
        },
        cachedReadsWhileOrdering: server.reading,
      })),
    }
    const summary = (name: string, part: ReturnType<typeof perOrder>) => {
      console.log(`\n${name}: ${part.statementsPerOrder} statements/order`, part.byKind)
      console.log(
        `  server CPU ${part.serverCpuMsPerOrder} ms/order, Postgres CPU ${part.databaseCpuMsPerOrder} ms/order`,
      )
      for (const statement of part.statements.slice(0, 20)) {
        console.log(`  ${String(statement.perOrder).padStart(5)}  ${statement.text.slice(0, 150)}`)
      }
    }
    for (const server of report.servers) {
      summary(`${server.name}, one client`, server.sequential)
      summary(`${server.name}, ${CONNECTIONS} clients on 5 products`, server.contended)
      console.log(
        `  placed ${server.contended.placedPerSecond}/s (p50, p99 per turn: ` +
          `${server.contended.p50p99.join(', ')} ms); sessions active ` +
          `${server.contended.meanSessionsActive.join(', ')}, waiting for a lock ` +
          `${server.contended.meanSessionsWaitingForALock.join(', ')}`,
      )
      for (const turn of server.cachedReadsWhileOrdering) {
        console.log(
          `  cached reads while ordering: ${turn.readsPerSecond} reads/s (p99 ${turn.readP99} ms) ` +
            `beside ${turn.ordersPerSecond} orders/s; statements the reads caused: ` +
            `${turn.readStatementsPerSecond}/s`,
        )
      }
    }
    console.log(
      `\nnegative stock: ${negativeStock}; load average ${report.loadAverage.start} → ${report.loadAverage.end}`,
    )
    saveReport(report, 'order-cost-')
  } finally {
    for (const child of children) {
      if (child.exitCode !== null) continue
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    await cluster.stop()
  }
}

runBench(main)
