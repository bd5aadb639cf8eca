/**
 * `npm run bench`: load scenarios against the production build on a throwaway embedded Postgres
 * holding a generated 100k-product catalog. Prints a table (req/s, p50/p99 latency, errors, ratio
 * to the floor) and saves it as JSON under bench/results/. Never part of `npm test`.
 *
 * Environment: BENCH_PRODUCTS (default 100000), BENCH_SECONDS per scenario (default 10),
 * BENCH_CONNECTIONS (default 10), BENCH_CPU_PROF (a directory for the servers' CPU profiles),
 * BENCH_ONLY=orders (only the floor, the order scenarios and the cached reads with and without
 * orders). Servers run with WEB_CONCURRENCY=1 unless a scenario says otherwise (the uncached list,
 * the order scenarios and the cached reads while ordering are also measured with one worker per
 * core).
 */
import autocannon from 'autocannon'
import { spawnSync } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import pg from 'pg'

import { benchCustomers, sampleProductIds, seedCatalog } from './catalog'
import { migratedBenchDatabase } from './database'
import { orderRequests } from './orders'
import { type Child, runBench, saveReport, spawnChild, startServer } from './servers'
import { storefrontPages, storefrontScenarios, timeToFirstByte } from './storefront'

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const CUSTOMERS = 40
const CONTENDED_PRODUCTS = 5
/** Stock the throughput run cannot exhaust. */
const AMPLE_STOCK = 1_000_000
/** Units a product has in the sell-out run (sold out within its first seconds). */
const SELL_OUT_STOCK = 40
const CORES = os.availableParallelism()
/** BENCH_ONLY=orders: the floor, the order scenarios and the cached reads with and without orders. */
const ONLY_ORDERS = process.env.BENCH_ONLY === 'orders'

type Row = {
  scenario: string
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  ratioToFloor?: number
  /** Sequential scans of `products` while the scenario ran (`pg_stat_user_tables`). */
  seqScans?: number
  note?: string
}

const log = (message: string) => console.log(`[bench] ${message}`)

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void => {
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

/** `/readyz` on a connection of its own, so node:cluster hands it to the next worker. */
const readyWorker = (url: string): Promise<number | undefined> =>
  new Promise((resolve) => {
    http
      .get(`${url}/readyz`, { agent: false }, (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => {
          try {
            resolve((JSON.parse(body) as { worker?: number }).worker)
          } catch {
            resolve(undefined)
          }
        })
      })
      .on('error', () => resolve(undefined))
  })

/** Waits until every one of a cluster's `count` workers has answered `/readyz`. */
const waitForWorkers = async (url: string, count: number) => {
  const seen = new Set<number>()
  const deadline = Date.now() + 180_000
  while (seen.size < count) {
    if (Date.now() > deadline) throw new Error(`only workers ${[...seen]} of ${count} came up`)
    const worker = await readyWorker(url)
    if (worker === undefined) await new Promise((resolve) => setTimeout(resolve, 200))
    else seen.add(worker)
  }
}

const measure = async (
  scenario: string,
  options: autocannon.Options,
  note?: string,
): Promise<{ row: Row; result: autocannon.Result }> => {
  log(`running ${scenario}`)
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...options,
  })
  const row: Row = {
    scenario,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    note,
  }
  return { row, result }
}

type OrderRow = Row & { sold?: number; oversold?: number }

/** Sets the stock of `count` approved products (skipping the first `skip`) and returns their ids. */
const stockProducts = async (
  client: pg.Client,
  count: number,
  skip: number,
  stock: number,
): Promise<number[]> => {
  const { rows } = await client.query<{ id: number }>(
    `UPDATE products SET stock = $1, available = true WHERE id IN (
       SELECT id FROM products WHERE status = 'approved' ORDER BY id LIMIT $2 OFFSET $3)
     RETURNING id`,
    [stock, count, skip],
  )
  return rows.map((row) => row.id)
}

/** Units sold of `products` (each started with `stock`) and whether any went negative. */
const soldUnits = async (client: pg.Client, products: number[], stock: number) => {
  const { rows } = await client.query<{ min: string; sold: string }>(
    `SELECT min(stock) AS min, sum($2::int - stock) AS sold FROM products WHERE id = ANY($1)`,
    [products, stock],
  )
  return { sold: Number(rows[0].sold), negative: Number(rows[0].min) < 0 }
}

/** Orders for `products`, round robin. */
const ordersFor = (tokens: string[], products: number[]) =>
  orderRequests(tokens, (counter) => products[counter % products.length])

/**
 * Order placement: CUSTOMERS customers ordering the same CONTENDED_PRODUCTS products, one unit an
 * order. Throughput counts successful orders (201) with stock to spare; then a sell-out run on
 * SELL_OUT_STOCK units checks that exactly the stock was sold, no unit more.
 */
const ordersScenarios = async (
  server: Child,
  databaseUrl: string,
  tokens: string[],
  label = '',
): Promise<OrderRow[]> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const url = `${server.url}/api/orders`
    const warm = await stockProducts(client, CONTENDED_PRODUCTS, 100, AMPLE_STOCK)
    await measure('warm-up orders', {
      url,
      method: 'POST',
      duration: 3,
      requests: ordersFor(tokens, warm),
    })

    const contended = await stockProducts(client, CONTENDED_PRODUCTS, 0, AMPLE_STOCK)
    const { row, result } = await measure(`order placement (contended)${label}`, {
      url,
      method: 'POST',
      requests: ordersFor(tokens, contended),
    })
    const placed = await soldUnits(client, contended, AMPLE_STOCK)
    // Orders still in flight when autocannon stops are placed but not counted by it.
    const inFlight = placed.sold - result['2xx']
    const consistent = inFlight >= 0 && inFlight <= CONNECTIONS && !placed.negative
    const throughput: OrderRow = {
      ...row,
      requestsPerSecond: Math.round(result['2xx'] / result.duration),
      sold: placed.sold,
      note:
        `${CUSTOMERS} customers, ${CONTENDED_PRODUCTS} products; req/s counts orders placed ` +
        `(201): ${result['2xx']}; units taken ${placed.sold}, ${inFlight} by orders in flight ` +
        `at the stop` +
        (consistent ? '' : ' (INCONSISTENT)'),
    }

    const scarce = await stockProducts(client, CONTENDED_PRODUCTS, 50, SELL_OUT_STOCK)
    const { row: sellOutRow, result: sellOut } = await measure(
      `order placement, selling out${label}`,
      {
        url,
        method: 'POST',
        duration: Math.min(SECONDS, 6),
        requests: ordersFor(tokens, scarce),
      },
    )
    const drained = await soldUnits(client, scarce, SELL_OUT_STOCK)
    const inStock = SELL_OUT_STOCK * scarce.length
    const oversold = drained.negative ? drained.sold : Math.max(0, drained.sold - inStock)
    const exact = drained.sold === inStock && sellOut['2xx'] === inStock && !drained.negative
    const sellOutResult: OrderRow = {
      ...sellOutRow,
      requestsPerSecond: Math.round(sellOut.requests.average),
      sold: drained.sold,
      oversold,
      note:
        `${inStock} units in stock, ${sellOut.requests.total} attempts: ${sellOut['2xx']} placed, ` +
        `${sellOut.non2xx} refused; units sold ${drained.sold}, oversold ${oversold}` +
        (exact ? ' (exact)' : ' (NOT EXACT)'),
    }
    return [throughput, sellOutResult]
  } finally {
    await client.end()
  }
}

const seqScansOnProducts = async (databaseUrl: string): Promise<number> => {
  // Backends flush their statistics within a second of going idle.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const { rows } = await client.query<{ seq_scan: string }>(
    `SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'products'`,
  )
  await client.end()
  return Number(rows[0].seq_scan)
}

const resetStats = async (databaseUrl: string): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query('SELECT pg_stat_reset()')
  await client.end()
}

const main = async () => {
  // These machines are shared: the load average says how much of them the run had.
  const loadAtStart = os.loadavg()[0].toFixed(2)
  run('node', ['src/bin/ensureBuild.mjs'])
  const cluster = await migratedBenchDatabase('bench')
  const { databaseUrl } = cluster
  const children: Child[] = []
  try {
    await seedCatalog(databaseUrl, PRODUCTS)
    const ids = await sampleProductIds(databaseUrl)

    const rows: Row[] = []
    const listPath = '/api/products?limit=20&depth=1'
    const searches = [
      'samsung phone under 500',
      'wireless headphones 100-300',
      'sony camera over 1000',
      'lenovo laptop < $800',
      'smart watch under 400',
      'gaming monitor 200-900',
      'apple tablet over 500',
      'portable speaker under 200',
    ]
    let pick = 0
    const randomDetail = (base: string) => ({
      setupRequest: (request: autocannon.Request) => {
        pick += 1
        return { ...request, path: `/api/products/${ids[pick % ids.length]}?depth=1` }
      },
      ...{ path: base },
    })

    const searchRequest = {
      setupRequest: (request: autocannon.Request) => {
        pick += 1
        const query = encodeURIComponent(searches[pick % searches.length])
        return { ...request, path: `/api/products/search?query=${query}` }
      },
    }
    /** Runs a scenario and records how many sequential scans of products its queries made. */
    const scenario = async (row: () => Promise<Row>): Promise<Row> => {
      await resetStats(databaseUrl)
      const measured = await row()
      measured.seqScans = await seqScansOnProducts(databaseUrl)
      rows.push(measured)
      return measured
    }
    const load = async (name: string, options: autocannon.Options) =>
      (await measure(name, options)).row

    // Floor.
    const floor = await spawnChild(
      ['node_modules/tsx/dist/cli.mjs', 'bench/floor.ts'],
      { DATABASE_URL: databaseUrl },
      '/products',
    )
    children.push(floor)
    await measure('warm-up floor', { url: `${floor.url}/products`, duration: 2 })
    const floorRow = await scenario(() =>
      load('floor: node:http + pg, one SQL', { url: `${floor.url}/products` }),
    )
    const floorFirstByte = await timeToFirstByte(`${floor.url}/products`)
    await floor.stop()
    children.pop()
    const pages = await storefrontPages(databaseUrl)
    const storefront = (url: string, label: string) =>
      storefrontScenarios({
        url,
        pages,
        label,
        floor: floorFirstByte,
        measure,
        run: (name, options) => scenario(() => load(name, options)),
      })

    // The server with its response cache off: every request is computed.
    const cold = await startServer(databaseUrl, { CACHE_ENABLED: 'false' })
    children.push(cold)
    if (!ONLY_ORDERS) {
      await measure('warm-up', { url: `${cold.url}${listPath}`, duration: 3 })
      await scenario(() => load('list, uncached', { url: `${cold.url}${listPath}` }))
      await scenario(() =>
        load('detail, uncached (1000 random ids)', {
          url: cold.url,
          requests: [randomDetail('/api/products/1')],
        }),
      )
      await measure('warm-up', { url: cold.url, requests: [searchRequest], duration: 2 })
      await scenario(() =>
        load('search: text + price range, uncached', { url: cold.url, requests: [searchRequest] }),
      )
      await scenario(() =>
        load('search: no words (whole-catalog facets), uncached', {
          url: `${cold.url}/api/products/search`,
        }),
      )
    }
    // Both order rows come from one setup (customers, sign-ins): scan counts cover the pair.
    await resetStats(databaseUrl)
    const tokens = await benchCustomers(cold.url, CUSTOMERS)
    const orderRows = await ordersScenarios(cold, databaseUrl, tokens)
    orderRows[0].seqScans = await seqScansOnProducts(databaseUrl)
    rows.push(...orderRows)
    if (!ONLY_ORDERS) await storefront(cold.url, 'uncached')
    await cold.stop()
    children.pop()

    /** A server with one web worker per core (node:cluster, one port), all of them up. */
    const clusterServer = async (env: Record<string, string> = {}) => {
      const server = await startServer(databaseUrl, { ...env, WEB_CONCURRENCY: String(CORES) })
      children.push(server)
      await waitForWorkers(server.url, CORES)
      return server
    }

    // The same uncached list and orders with one web worker per core.
    if (CORES > 1) {
      const coldCluster = await clusterServer({ CACHE_ENABLED: 'false' })
      if (!ONLY_ORDERS) {
        await measure('warm-up', { url: `${coldCluster.url}${listPath}`, duration: 3 })
        await scenario(() =>
          load(`list, uncached, WEB_CONCURRENCY=${CORES}`, {
            url: `${coldCluster.url}${listPath}`,
          }),
        )
      }
      await resetStats(databaseUrl)
      const clusterOrderRows = await ordersScenarios(
        coldCluster,
        databaseUrl,
        tokens,
        `, WEB_CONCURRENCY=${CORES}`,
      )
      clusterOrderRows[0].seqScans = await seqScansOnProducts(databaseUrl)
      rows.push(...clusterOrderRows)
      await coldCluster.stop()
      children.pop()
    }

    const stockClient = new pg.Client({ connectionString: databaseUrl })
    await stockClient.connect()
    /**
     * The server as deployed: anonymous catalog reads go through the in-memory cache. The cached
     * reads alone, then while customers place orders on the same server (`label` names the
     * worker count).
     */
    const cachedScenarios = async (cached: Child, label: string) => {
      await measure('warm-up', { url: `${cached.url}${listPath}`, duration: 2 })
      await scenario(() => load(`list, cached${label}`, { url: `${cached.url}${listPath}` }))
      if (!ONLY_ORDERS) {
        await scenario(() =>
          load(`detail, cached${label}`, { url: `${cached.url}/api/products/${ids[0]}?depth=1` }),
        )
      }
      await scenario(() =>
        load(`search: the same 8 queries, cached${label}`, {
          url: cached.url,
          requests: [searchRequest],
        }),
      )
      /** A read scenario while customers place `perSecond` orders on the same server. */
      const whileOrdering = async (
        name: string,
        perSecond: number,
        options: autocannon.Options,
      ) => {
        const products = await stockProducts(stockClient, CONTENDED_PRODUCTS, 200, AMPLE_STOCK)
        const orders = autocannon({
          url: `${cached.url}/api/orders`,
          method: 'POST',
          connections: CONNECTIONS,
          overallRate: perSecond,
          duration: SECONDS,
          requests: ordersFor(tokens, products),
        })
        const row = await load(`${name}${label}, while ${perSecond} orders/s are placed`, options)
        const placed = await orders
        row.note =
          `${placed['2xx']} orders placed meanwhile (${Math.round(placed['2xx'] / placed.duration)}/s` +
          `, p99 ${placed.latency.p99} ms), ${placed.non2xx + placed.errors} failed`
        return row
      }
      if (!ONLY_ORDERS) {
        await scenario(() => whileOrdering('list, cached', 10, { url: `${cached.url}${listPath}` }))
      }
      await scenario(() => whileOrdering('list, cached', 50, { url: `${cached.url}${listPath}` }))
      await scenario(() =>
        whileOrdering('search: the same 8 queries, cached', 50, {
          url: cached.url,
          requests: [searchRequest],
        }),
      )
    }
    try {
      const cached = await startServer(databaseUrl)
      children.push(cached)
      await cachedScenarios(cached, '')
      if (!ONLY_ORDERS) {
        // A signed-in customer's reads bypass the cache and authenticate every request.
        await scenario(() =>
          load('list, signed-in customer (cache bypassed)', {
            url: `${cached.url}${listPath}`,
            headers: { Authorization: `JWT ${tokens[0]}` },
          }),
        )
        await storefront(cached.url, 'cached')
      }
      await cached.stop()
      children.pop()
      if (CORES > 1) {
        const cachedCluster = await clusterServer()
        await cachedScenarios(cachedCluster, `, WEB_CONCURRENCY=${CORES}`)
        await cachedCluster.stop()
        children.pop()
      }
    } finally {
      await stockClient.end()
    }

    for (const row of rows) {
      if (floorRow.requestsPerSecond > 0 && row.requestsPerSecond > 0)
        row.ratioToFloor = Number((row.requestsPerSecond / floorRow.requestsPerSecond).toFixed(2))
    }
    console.log('')
    console.table(
      rows.map((row) => ({
        scenario: row.scenario,
        'req/s': row.requestsPerSecond,
        'p50 ms': row.p50,
        'p99 ms': row.p99,
        errors: row.errors,
        non2xx: row.non2xx,
        '× floor': row.ratioToFloor ?? '',
        'seq scans': row.seqScans ?? '',
      })),
    )
    for (const row of rows) if (row.note) console.log(`- ${row.scenario}: ${row.note}`)
    const seqScans = rows.reduce((sum, row) => sum + (row.seqScans ?? 0), 0)
    console.log(`- sequential scans of products, all scenarios: ${seqScans}`)

    console.log(
      `- load average (1 min) at the start and end of the run: ${loadAtStart} → ${os.loadavg()[0].toFixed(2)}`,
    )

    const report = {
      date: new Date().toISOString(),
      loadAverage: { start: Number(loadAtStart), end: Number(os.loadavg()[0].toFixed(2)) },
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      products: PRODUCTS,
      secondsPerScenario: SECONDS,
      connections: CONNECTIONS,
      sequentialScansOfProducts: seqScans,
      rows,
    }
    saveReport(report)
  } finally {
    for (const child of children) await child.stop().catch(() => undefined)
    await cluster.stop()
  }
}

runBench(main)
