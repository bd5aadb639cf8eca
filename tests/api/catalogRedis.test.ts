import { spawn } from 'node:child_process'

import { freePort } from '../../src/lib/database'
import { api } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { testAddress, uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const redisUrl = process.env.REDIS_URL

/** Runs the Local API write helper in a separate process sharing the database and Redis. */
const localApiRename = (env: Record<string, string>, id: number, model: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'tests/helpers/localApiWrite.ts', String(id), model],
      {
        env: { ...process.env, NODE_OPTIONS: '--conditions=production', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(output))))
  })

const describeWithRedis = redisUrl ? describe : describe.skip
if (!redisUrl) {
  console.warn(
    'Skipping the shared-Redis cache tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.',
  )
}

describeWithRedis('catalog cache shared through Redis', () => {
  let first: TestServer
  let second: TestServer
  let token: string
  // Keys of this run only, shared by both instances.
  const cacheEnv = {
    REDIS_URL: redisUrl ?? '',
    CACHE_KEY_PREFIX: `marketplace-test:${uniqueWord()}`,
    RATE_LIMIT_API: '100000',
    CACHE_STOCK_LAG_MS: '300',
  }

  beforeAll(async () => {
    first = await startTestServer({ env: cacheEnv })
    second = await startTestServer({ env: cacheEnv, databaseUrl: first.databaseUrl })
    token = await registerAdmin(first.url)
  })

  afterAll(async () => {
    await second?.stop()
    await first?.stop()
  })

  const createProduct = async (model: string) => {
    const brand = uniqueWord()
    const response = await api(first.url, '/api/products', {
      method: 'POST',
      token,
      body: { brand, model, slug: brand, price: 10, finalPrice: 10, stock: 3, status: 'approved' },
    })
    return (response.body as { doc: { id: number } }).doc
  }

  it('reports Redis as the cache in /readyz', async () => {
    expect((await api(first.url, '/readyz')).body).toMatchObject({ checks: { cache: 'up' } })
  })

  it('shares entries between instances', async () => {
    const product = await createProduct('Shared')
    const path = `/api/products/${product.id}`
    expect((await api(first.url, path)).headers.get('x-cache')).toBe('MISS')
    expect((await api(second.url, path)).headers.get('x-cache')).toBe('HIT')
  })

  it('invalidates on every instance when one of them takes a write', async () => {
    const product = await createProduct('Before')
    const path = `/api/products/${product.id}`
    await api(second.url, path)
    expect((await api(second.url, path)).headers.get('x-cache')).toBe('HIT')
    const patched = await api(first.url, path, {
      method: 'PATCH',
      token,
      body: { model: 'After' },
    })
    expect(patched.status).toBe(200)
    const after = await api(second.url, path)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect((after.body as { model: string }).model).toBe('After')
  })

  it("shows one instance's order stock on the other once the stock lag has passed", async () => {
    const product = await createProduct('Stocked')
    const path = `/api/products/${product.id}`
    await api(second.url, path)
    expect((await api(second.url, path)).headers.get('x-cache')).toBe('HIT')
    const placed = await api(first.url, '/api/orders', {
      method: 'POST',
      token,
      body: { items: [{ product: product.id, quantity: 2 }], shippingAddress: testAddress },
    })
    expect(placed.status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const after = await api(second.url, path)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect((after.body as { stock: number }).stock).toBe(1)
  })

  it('invalidates on a Local API write made by another process', async () => {
    const product = await createProduct('Local before')
    const path = `/api/products/${product.id}`
    await api(first.url, path)
    expect((await api(first.url, path)).headers.get('x-cache')).toBe('HIT')
    await localApiRename(
      { ...cacheEnv, DATABASE_URL: first.databaseUrl, LOG_LEVEL: 'warn' },
      product.id,
      'Local after',
    )
    const after = await api(first.url, path)
    expect((after.body as { model: string }).model).toBe('Local after')
  })
})

describe('catalog cache with Redis unreachable', () => {
  let server: TestServer

  beforeAll(async () => {
    const closedPort = await freePort()
    server = await startTestServer({
      env: { REDIS_URL: `redis://127.0.0.1:${closedPort}`, RATE_LIMIT_API: '100000' },
    })
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('keeps serving uncached and says so in /readyz and the log', async () => {
    const response = await api(server.url, '/api/products')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-cache')).toBe('BYPASS')
    const ready = await api(server.url, '/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'up', cache: 'down' } })
    expect(server.output()).toContain('cache: Redis unreachable, serving uncached')
  })

  it('still accepts writes', async () => {
    const token = await registerAdmin(server.url)
    const response = await api(server.url, '/api/categories', {
      method: 'POST',
      token,
      body: { name: 'Offline', slug: 'offline' },
    })
    expect(response.status).toBe(201)
  })
})
