/**
 * `npm run soak`: SOAK_SECONDS (default 600) of mixed traffic at SOAK_RATE requests a second
 * (default 20, at most SOAK_IN_FLIGHT at once) against the compiled production server on a
 * private PostgreSQL cluster: anonymous and signed-in browsing, search, sign-in and sign-out,
 * orders (some cancelled), reviews, uploads and GraphQL. Every SOAK_SAMPLE_SECONDS it samples
 * the server's memory and event-loop delay (tests/soak/probe.mjs, preloaded into the server),
 * its open file descriptors, and the database's connections (`pg_stat_activity`). Prints a table,
 * saves JSON under tests/soak/results/ and exits 1 on any response ≥ 500 or request that got no
 * response.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Json } from '../helpers/authClient'
import { pngBytes } from '../helpers/fixtures'
import {
  LOAD_PASSWORD,
  type Outcome,
  processFootprint,
  saveResults,
  seedStoreOverHttp,
  shippingAddress,
  sleep,
  Tally,
  timedCall,
  unlimitedRates,
} from '../helpers/loadTraffic'
import { querySql, startPrivatePostgres } from '../helpers/privatePostgres'
import { startTestServer } from '../helpers/testServer'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600)
const RATE = Number(process.env.SOAK_RATE ?? 20)
const IN_FLIGHT = Number(process.env.SOAK_IN_FLIGHT ?? 20)
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30)

const log = (message: string) => console.log(`[soak] ${message}`)
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]

type Sample = {
  second: number
  requests: number
  rssMiB: number
  heapUsedMiB: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  fds: number
  dbConnections: number
  dbActive: number
}

const main = async () => {
  const build = spawnSync(process.execPath, ['src/bin/ensureBuild.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('build failed')
  const cluster = await startPrivatePostgres()
  const databaseUrl = await cluster.createDatabase('soak')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-soak-'))
  const probeFile = path.join(dataDir, 'probe.jsonl')
  const server = await startTestServer({
    databaseUrl,
    readyTimeoutMs: 180_000,
    env: {
      ...unlimitedRates,
      PAYLOAD_SECRET: `soak-${randomBytes(16).toString('hex')}`,
      ORDER_ENCRYPTION_KEYS: `soak:${randomBytes(32).toString('base64')}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      NODE_OPTIONS: `--import ${path.resolve('tests/soak/probe.mjs')}`,
      SOAK_PROBE_FILE: probeFile,
      SOAK_PROBE_INTERVAL_MS: String(SAMPLE_SECONDS * 1000),
    },
  })
  const startedAt = new Date().toISOString()
  const tallies = new Map<string, Tally>()
  const samples: Sample[] = []
  try {
    const store = await seedStoreOverHttp(server.url, { customers: 10, products: 20, stock: 1e6 })
    const picture = await pngBytes(320, 240)
    const words = ['gadget', 'load', 'gadget 7', 'nothing-matches', 'load gadget 12']

    /** One user action: one request or a short sequence, recorded under its name. */
    const actions: Array<[weight: number, name: string, run: () => Promise<Outcome[]>]> = [
      [
        25,
        'browse (anonymous, cacheable)',
        async () => [
          await timedCall(
            server.url,
            `/api/products?limit=10&page=${1 + Math.floor(Math.random() * 2)}`,
          ),
        ],
      ],
      [
        10,
        'product page',
        async () => [await timedCall(server.url, `/api/products/${pick(store.products)}?depth=1`)],
      ],
      [
        10,
        'browse (signed in)',
        async () => [
          await timedCall(server.url, '/api/products?limit=10&depth=1', {
            token: pick(store.customers).token,
          }),
        ],
      ],
      [
        15,
        'search',
        async () => [
          await timedCall(
            server.url,
            `/api/products/search?query=${encodeURIComponent(pick(words))}`,
          ),
        ],
      ],
      [
        5,
        'sign-in, me, sign-out',
        async () => {
          const customer = pick(store.customers)
          const login = await timedCall(server.url, '/api/users/login', {
            body: { email: customer.email, password: LOAD_PASSWORD },
          })
          if (login.status !== 200) return [login]
          const token = login.body.token as string
          return [
            login,
            await timedCall(server.url, '/api/users/me', { token }),
            await timedCall(server.url, '/api/users/logout', { method: 'POST', token }),
          ]
        },
      ],
      [
        10,
        'order (a third cancelled)',
        async () => {
          const customer = pick(store.customers)
          const order = await timedCall(server.url, '/api/orders', {
            token: customer.token,
            body: { items: [{ product: pick(store.products), quantity: 1 }], shippingAddress },
          })
          if (order.status !== 201 || Math.random() > 1 / 3) return [order]
          return [
            order,
            await timedCall(server.url, `/api/orders/${order.body.doc.id}`, {
              method: 'PATCH',
              token: customer.token,
              body: { status: 'cancelled' },
            }),
          ]
        },
      ],
      [
        5,
        'my orders',
        async () => [
          await timedCall(server.url, '/api/orders?limit=10', {
            token: pick(store.customers).token,
          }),
        ],
      ],
      [
        8,
        'review, then delete it',
        async () => {
          const customer = pick(store.customers)
          const review = await timedCall(server.url, '/api/reviews', {
            token: customer.token,
            body: {
              product: pick(store.products),
              rating: 1 + Math.floor(Math.random() * 5),
              body: 'Soak review',
            },
          })
          if (review.status !== 201) return [review]
          return [
            review,
            await timedCall(server.url, `/api/reviews/${review.body.doc.id}`, {
              method: 'DELETE',
              token: customer.token,
            }),
          ]
        },
      ],
      [
        4,
        'upload a picture, then delete it',
        async () => {
          const customer = pick(store.customers)
          const form = new FormData()
          form.append(
            'file',
            new Blob([new Uint8Array(picture)], { type: 'image/png' }),
            'soak.png',
          )
          form.append('_payload', JSON.stringify({ alt: 'A soak picture' }))
          const upload = await timedCall(server.url, '/api/media', { token: customer.token, form })
          if (upload.status !== 201) return [upload]
          return [
            upload,
            await timedCall(server.url, `/api/media/${upload.body.doc.id}`, {
              method: 'DELETE',
              token: customer.token,
            }),
          ]
        },
      ],
      [
        8,
        'graphql',
        async () => [
          await timedCall(server.url, '/api/graphql', {
            body: {
              query: '{ Products(limit: 5) { docs { id brand model finalPrice } totalDocs } }',
            },
          }),
        ],
      ],
    ]
    const totalWeight = actions.reduce((sum, [weight]) => sum + weight, 0)
    const chooseAction = () => {
      let roll = Math.random() * totalWeight
      for (const action of actions) {
        roll -= action[0]
        if (roll < 0) return action
      }
      return actions[0]
    }
    const overall = new Tally()
    const unexpected: Json[] = []
    /** The first 4xx answers, to tell expected refusals (a second review) from surprises. */
    const refused: Json[] = []
    let inFlight = 0
    let skipped = 0
    const pending = new Set<Promise<void>>()
    const fire = () => {
      if (inFlight >= IN_FLIGHT) {
        skipped++
        return
      }
      const [, name, run] = chooseAction()
      inFlight++
      const done = run()
        .then((outcomes) => {
          const tally = tallies.get(name) ?? new Tally()
          tallies.set(name, tally)
          for (const outcome of outcomes) {
            tally.add(outcome)
            overall.add(outcome)
            if ((outcome.status >= 500 || outcome.status === 0) && unexpected.length < 20)
              unexpected.push({ action: name, ...outcome, headers: undefined })
            if (outcome.status >= 400 && outcome.status < 500 && refused.length < 20)
              refused.push({
                action: name,
                path: outcome.path,
                status: outcome.status,
                body: outcome.body,
              })
          }
        })
        .finally(() => {
          inFlight--
          pending.delete(done)
        })
      pending.add(done)
    }

    const sample = async (second: number) => {
      const probes = fs.existsSync(probeFile)
        ? fs.readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean)
        : []
      const probe = probes.length ? (JSON.parse(probes[probes.length - 1]) as Json) : undefined
      const [connections] = await querySql<{ total: string; active: string }>(
        cluster.databaseUrl('postgres'),
        `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'active') AS active
           FROM pg_stat_activity WHERE datname = 'soak'`,
      )
      const footprint = processFootprint(server.process.pid!)
      const row: Sample = {
        second,
        requests: overall.count,
        rssMiB: probe?.rssMiB ?? footprint.rssMiB,
        heapUsedMiB: probe?.heapUsedMiB ?? 0,
        loopDelayP99Ms: probe?.loopDelayMs?.p99 ?? 0,
        loopDelayMaxMs: probe?.loopDelayMs?.max ?? 0,
        fds: footprint.fds,
        dbConnections: Number(connections.total),
        dbActive: Number(connections.active),
      }
      samples.push(row)
      log(JSON.stringify(row))
    }

    // Let the probe take its first sample of the idle, seeded server.
    await sleep(SAMPLE_SECONDS * 1000 + 500)
    await sample(0)
    log(`${SECONDS} s of mixed traffic at ${RATE} req/s`)
    const begin = Date.now()
    let fired = 0
    let nextSample = SAMPLE_SECONDS
    while (Date.now() - begin < SECONDS * 1000) {
      // Fire on schedule (catching up after a slow tick) rather than one per timer tick.
      const due = Math.floor(((Date.now() - begin) / 1000) * RATE)
      while (fired < due) {
        fire()
        fired++
      }
      const elapsed = (Date.now() - begin) / 1000
      if (elapsed >= nextSample) {
        nextSample += SAMPLE_SECONDS
        void sample(Math.round(elapsed))
      }
      await sleep(20)
    }
    await Promise.all(pending)
    log('traffic stopped; idle sample after the next probe')
    await sleep(SAMPLE_SECONDS * 1000 + 500)
    await sample(Math.round((Date.now() - begin) / 1000))

    const first = samples[1] ?? samples[0]
    const last = samples[samples.length - 1]
    const peakDelay = Math.max(...samples.map((row) => row.loopDelayMaxMs))
    const serverErrors = overall.serverErrors() + (overall.byStatus.get(0) ?? 0)
    console.table(
      [...tallies].map(([name, tally]) => ({
        action: name,
        ...tally.summary(),
        byStatus: JSON.stringify(tally.summary().byStatus),
      })),
    )
    console.table(samples)
    const result = {
      startedAt,
      finishedAt: new Date().toISOString(),
      seconds: SECONDS,
      rate: RATE,
      inFlightCap: IN_FLIGHT,
      skipped,
      loadAverage: os.loadavg(),
      overall: overall.summary(),
      serverErrors,
      actions: Object.fromEntries([...tallies].map(([name, tally]) => [name, tally.summary()])),
      samples,
      startToEnd: {
        rssMiB: [first.rssMiB, last.rssMiB],
        heapUsedMiB: [first.heapUsedMiB, last.heapUsedMiB],
        loopDelayP99Ms: [first.loopDelayP99Ms, last.loopDelayP99Ms],
        fds: [samples[0].fds, last.fds],
        dbConnections: [samples[0].dbConnections, last.dbConnections],
      },
      peakLoopDelayMs: peakDelay,
      unexpected,
      refused,
    }
    const file = saveResults('tests/soak/results', result)
    log(`saved ${file}`)
    log(
      `${overall.count} requests, ${serverErrors} ≥ 500 or unanswered; RSS ${first.rssMiB} → ${last.rssMiB} MiB, ` +
        `heap ${first.heapUsedMiB} → ${last.heapUsedMiB} MiB, db connections ${samples[0].dbConnections} → ${last.dbConnections}`,
    )
    return serverErrors
  } finally {
    await server.stop()
    await cluster.destroy()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

void main().then(
  (serverErrors) => process.exit(serverErrors > 0 ? 1 : 0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
