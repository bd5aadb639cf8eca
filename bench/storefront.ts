/**
 * The storefront's rows of `npm run bench`: home, a category page and a product page, on the
 * server with its caches off and as deployed (the page cache, src/lib/cache/pageCache.ts).
 * Throughput and latency come from autocannon like every other row; time to first byte from
 * sequential requests on one connection (a visitor's view, not a queue's), measured the same way
 * on the floor so both can be given as ratios to it.
 */
import type autocannon from 'autocannon'
import http from 'node:http'
import pg from 'pg'

export type FirstByte = { p50: number; p99: number; samples: number }

type Row = { scenario: string; note?: string; ttfb?: FirstByte; ttfbToFloor?: number }

/** The `p` quantile (0–1) of sorted samples. */
const quantile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]

const firstByteOf = (agent: http.Agent, url: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    http
      .get(url, { agent }, (res) => {
        const ms = performance.now() - started
        res.resume()
        res.on('end', () =>
          res.statusCode === 200 ? resolve(ms) : reject(new Error(`${url}: ${res.statusCode}`)),
        )
      })
      .on('error', reject)
  })

/**
 * Time to first byte (the response's status line and headers) of GETs of `url` made one after
 * the other on one keep-alive connection for `seconds` (at least 20 of them), in ms.
 */
export const timeToFirstByte = async (url: string, seconds = 4): Promise<FirstByte> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const samples: number[] = []
  const until = performance.now() + seconds * 1000
  try {
    while (performance.now() < until || samples.length < 20)
      samples.push(await firstByteOf(agent, url))
  } finally {
    agent.destroy()
  }
  samples.sort((a, b) => a - b)
  const round = (ms: number) => Number(ms.toFixed(1))
  return {
    p50: round(quantile(samples, 0.5)),
    p99: round(quantile(samples, 0.99)),
    samples: samples.length,
  }
}

/** A category and an approved product of the bench's catalog to open. */
export const storefrontPages = async (databaseUrl: string): Promise<Record<string, string>> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ category: string; product: string }>(
      `SELECT c.slug AS category, p.slug AS product FROM products p
       JOIN categories c ON c.id = p.category_id
       WHERE p.status = 'approved' AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1`,
    )
    return {
      home: '/',
      [`category (/c/${rows[0].category})`]: `/c/${rows[0].category}`,
      product: `/p/${rows[0].product}`,
    }
  } finally {
    await client.end()
  }
}

/**
 * Measures each page on the server at `url`: a short warm-up (for the cached server, this fills
 * the cache), time to first byte, then the autocannon scenario `run` records. The row gets the
 * TTFB figures and their ratio to the floor's p50.
 */
export const storefrontScenarios = async (options: {
  url: string
  pages: Record<string, string>
  label: string
  floor: FirstByte
  measure: (name: string, options: autocannon.Options) => Promise<unknown>
  run: (name: string, options: autocannon.Options) => Promise<Row>
}): Promise<void> => {
  const { url, pages, label, floor, measure, run } = options
  for (const [name, path] of Object.entries(pages)) {
    await measure('warm-up', { url: `${url}${path}`, duration: 2 })
    const ttfb = await timeToFirstByte(`${url}${path}`)
    const row = await run(`storefront ${name}, ${label}`, { url: `${url}${path}` })
    row.ttfb = ttfb
    row.ttfbToFloor = Number((ttfb.p50 / floor.p50).toFixed(2))
    row.note =
      `${path}: TTFB p50 ${ttfb.p50} ms, p99 ${ttfb.p99} ms (${ttfb.samples} sequential ` +
      `requests; ${row.ttfbToFloor}× the floor's p50 of ${floor.p50} ms, p99 ${floor.p99} ms)`
  }
}
