import express from 'express'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

import { catalogCache } from '../../src/lib/cache/catalogCache'
import { MemoryStore } from '../../src/lib/cache/store'

const CLIENTS = 5

/**
 * The catalog cache middleware in front of a handler that counts how often it runs and answers
 * only once `CLIENTS` requests have reached the middleware: they all miss at the same moment.
 */
const catalogServer = async (
  status = 200,
  /** Awaited by the handler instead of the gate, when given. */
  whileBuilding?: (store: MemoryStore) => Promise<void>,
) => {
  const store = new MemoryStore()
  const counts = { arrived: 0, built: 0 }
  let openGate!: () => void
  let gate = new Promise<void>((resolve) => (openGate = resolve))
  const app = express()
  app.use((_req, _res, next) => {
    counts.arrived += 1
    next()
    // Past this point the middleware only awaits the in-memory store: give it a turn.
    if (counts.arrived % CLIENTS === 0) setImmediate(openGate)
  })
  app.use(catalogCache(() => store, { warn: () => undefined }))
  app.get('/api/products', async (_req, res) => {
    counts.built += 1
    const build = counts.built
    await (whileBuilding ? whileBuilding(store) : gate)
    res.status(status).json({ build })
  })
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/products`
  return {
    store,
    counts,
    /** The next round of misses waits for the gate again. */
    closeGate: () => (gate = new Promise<void>((resolve) => (openGate = resolve))),
    /** CLIENTS requests at once: their statuses, X-Cache headers and bodies. */
    together: () =>
      Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const response = await fetch(url)
          return {
            status: response.status,
            cache: response.headers.get('x-cache'),
            body: await response.text(),
          }
        }),
      ),
    get: (): Promise<string> => fetch(url).then((response) => response.text()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('catalog cache: concurrent misses of one URL', () => {
  const lag = process.env.CACHE_STOCK_LAG_MS
  afterEach(() => {
    if (lag === undefined) delete process.env.CACHE_STOCK_LAG_MS
    else process.env.CACHE_STOCK_LAG_MS = lag
  })

  it('build the response once and all get it', async () => {
    const server = await catalogServer()
    try {
      const answers = await server.together()
      expect(server.counts.built).toBe(1)
      expect(answers.map((answer) => answer.body)).toEqual(Array(CLIENTS).fill('{"build":1}'))
      expect(answers.filter((answer) => answer.cache === 'MISS')).toHaveLength(1)
      expect(answers.filter((answer) => answer.cache === 'HIT')).toHaveLength(CLIENTS - 1)
    } finally {
      await server.close()
    }
  })

  it('rebuild an entry a stock change expired once, not once per waiting client', async () => {
    // Every stock change expires entries at once: the moment many clients miss together.
    process.env.CACHE_STOCK_LAG_MS = '0'
    const server = await catalogServer()
    try {
      await server.together()
      server.closeGate()
      await server.store.bump('stock')
      const answers = await server.together()
      expect(server.counts.built).toBe(2)
      expect(answers.map((answer) => answer.body)).toEqual(Array(CLIENTS).fill('{"build":2}'))
    } finally {
      await server.close()
    }
  })

  it('share a build that outlasts the stock lag with the clients that arrived within it', async () => {
    // Under load one build can take longer than the lag; the clients that arrived while it ran
    // would have waited as long for their own, and its data is older than theirs by less than
    // the lag. Without sharing, no entry would ever be servable while orders come in.
    process.env.CACHE_STOCK_LAG_MS = '1000'
    let bumped!: () => void
    const stockChanged = new Promise<void>((resolve) => (bumped = resolve))
    const server = await catalogServer(200, async (store) => {
      // An order commits after the build started: the later clients see a newer stock generation.
      await store.bump('stock')
      bumped()
      await new Promise((resolve) => setTimeout(resolve, 1200))
    })
    try {
      const first = server.get()
      await stockChanged
      const later = await Promise.all(Array.from({ length: CLIENTS - 1 }, () => server.get()))
      expect(server.counts.built).toBe(1)
      expect([await first, ...later]).toEqual(Array(CLIENTS).fill('{"build":1}'))
    } finally {
      await server.close()
    }
  })

  it('each build their own when the response is not cacheable', async () => {
    const server = await catalogServer(503)
    try {
      const answers = await server.together()
      expect(answers.every((answer) => answer.status === 503)).toBe(true)
      expect(answers.every((answer) => answer.cache === 'BYPASS')).toBe(true)
      expect(server.counts.built).toBe(CLIENTS)
    } finally {
      await server.close()
    }
  })
})
