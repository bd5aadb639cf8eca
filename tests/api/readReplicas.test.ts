import { api, type Json } from '../helpers/apiClient'
import { type Account, createAccount, registerAdmin } from '../helpers/authClient'
import { testAddress, uniqueWord } from '../helpers/fixtures'
import { querySql } from '../helpers/privatePostgres'
import {
  type ReplicatedPostgres,
  replicationAvailable,
  replicationUnavailableReason,
  startReplicatedPostgres,
} from '../helpers/streamingReplica'
import { startTestServer, type TestServer } from '../helpers/testServer'

const redisUrl = process.env.REDIS_URL
const runnable = replicationAvailable() && Boolean(redisUrl)
if (!replicationAvailable()) {
  console.warn(`Skipping the read-replica tests: ${replicationUnavailableReason()}.`)
} else if (!redisUrl) {
  console.warn(
    'Skipping the read-replica tests: set REDIS_URL (e.g. redis://127.0.0.1:6379), the store two instances share.',
  )
}

type Product = { id: number; model: string; price: number; stock: number }

/**
 * Two server processes on one primary and its streaming replica, sharing Redis. Which server a
 * read came from is told by the data: with the replica's replay paused, a row changed on the
 * primary by plain SQL (no API write, so nothing is announced) reads old on the replica and new
 * on the primary.
 */
;(runnable ? describe : describe.skip)('read replicas', () => {
  let cluster: ReplicatedPostgres
  let primaryUrl: string
  let first: TestServer
  let second: TestServer
  let adminToken: string
  let customer: Account & { token: string }
  let env: Record<string, string>

  beforeAll(async () => {
    cluster = await startReplicatedPostgres()
    const database = `marketplace_replicas_${uniqueWord()}`
    await cluster.createDatabase(database)
    primaryUrl = cluster.primaryUrl(database)
    env = {
      DATABASE_REPLICA_URLS: cluster.replicaUrl(database),
      REDIS_URL: redisUrl ?? '',
      CACHE_KEY_PREFIX: `marketplace-test:${uniqueWord()}`,
      RATE_LIMIT_API: '100000',
      RATE_LIMIT_CREDENTIALS: '1000',
      // No background writes: what each test changes is all that changes.
      JOBS_AUTORUN: 'false',
    }
    // The first server migrates the empty database at start: on the primary, or it would fail
    // (a hot standby refuses every write).
    first = await startTestServer({ databaseUrl: primaryUrl, env })
    second = await startTestServer({ databaseUrl: primaryUrl, env })
    adminToken = await registerAdmin(first.url)
    customer = await createAccount(first.url, adminToken, ['customer'])
    await cluster.waitForReplay()
  }, 240_000)

  afterAll(async () => {
    await second?.stop()
    await first?.stop()
    await cluster?.destroy()
  })

  afterEach(async () => {
    await cluster.resumeReplay().catch(() => undefined)
  })

  const createProduct = async (extra: Record<string, unknown> = {}): Promise<Product> => {
    const brand = uniqueWord()
    const response = await api(first.url, '/api/products', {
      method: 'POST',
      token: adminToken,
      body: {
        brand,
        model: 'Original',
        slug: brand,
        price: 10,
        stock: 5,
        status: 'approved',
        ...extra,
      },
    })
    expect(response.status).toBe(201)
    return (response.body as { doc: Product }).doc
  }

  /** An anonymous read no cached entry answers (its own query string): the database answers. */
  const anonymousUncached = async (server: TestServer, id: number): Promise<Product> => {
    const response = await api(server.url, `/api/products/${id}?fresh=${uniqueWord()}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-cache')).toBe('MISS')
    return response.body as Product
  }

  /** Changes a product on the primary behind the API's back: announced to nobody. */
  const renameInSql = (id: number, model: string) =>
    querySql(primaryUrl, 'update products set model = $1 where id = $2', [model, id])

  it('serves anonymous catalog reads from the replica and signed-in reads from the primary', async () => {
    const product = await createProduct()
    await cluster.waitForReplay()
    await cluster.pauseReplay()
    await renameInSql(product.id, 'OnlyOnPrimary')

    for (const server of [first, second]) {
      expect((await anonymousUncached(server, product.id)).model).toBe('Original')
      const signedIn = await api(server.url, `/api/products/${product.id}`, { token: adminToken })
      expect(signedIn.headers.get('x-cache')).toBe('BYPASS')
      expect((signedIn.body as Product).model).toBe('OnlyOnPrimary')
    }

    await cluster.resumeReplay()
    await cluster.waitForReplay()
    expect((await anonymousUncached(second, product.id)).model).toBe('OnlyOnPrimary')
  })

  it('shows a customer the order they placed at once, on the other instance, while the replica lags', async () => {
    const product = await createProduct()
    await cluster.waitForReplay()
    await cluster.pauseReplay()

    const placed = await api(first.url, '/api/orders', {
      method: 'POST',
      token: customer.token,
      body: { items: [{ product: product.id, quantity: 2 }], shippingAddress: testAddress },
    })
    expect(placed.status).toBe(201)
    const orderId = (placed.body as { doc: { id: number } }).doc.id

    const read = await api(second.url, `/api/orders/${orderId}`, { token: customer.token })
    expect(read.status).toBe(200)
    expect((read.body as Json).id).toBe(orderId)
    const list = await api(second.url, '/api/orders?limit=100', { token: customer.token })
    expect((list.body as { docs: Json[] }).docs.map((order) => order.id)).toContain(orderId)
    // Anonymous reads after a write wait for a replica that has it: the primary answers now.
    expect((await anonymousUncached(second, product.id)).stock).toBe(3)

    // The replica has the order once it replays: stock is read there again.
    await cluster.resumeReplay()
    await cluster.waitForReplay()
    await renameInSql(product.id, 'Renamed')
    await cluster.waitForReplay()
    await cluster.pauseReplay()
    await renameInSql(product.id, 'RenamedAgain')
    const fromReplica = await anonymousUncached(second, product.id)
    expect(fromReplica).toMatchObject({ model: 'Renamed', stock: 3 })
  })

  it('shows a price change and an approval to the next request on every instance, and caches only the new rows', async () => {
    const product = await createProduct()
    const pending = await createProduct({ status: 'pending' })
    const path = `/api/products/${product.id}`
    const listed = `/api/products?where[id][equals]=${pending.id}`
    expect((await api(first.url, path)).headers.get('x-cache')).toBe('MISS')
    expect((await api(second.url, path)).headers.get('x-cache')).toBe('HIT')
    expect(((await api(second.url, listed)).body as Json).totalDocs).toBe(0)
    await cluster.waitForReplay()
    await cluster.pauseReplay()

    const changed = await api(first.url, path, {
      method: 'PATCH',
      token: adminToken,
      body: { price: 25 },
    })
    expect(changed.status).toBe(200)
    const approved = await api(first.url, `/api/products/${pending.id}/approve`, {
      method: 'POST',
      token: adminToken,
    })
    expect(approved.status).toBe(200)

    const filled = await api(second.url, path)
    expect(filled.headers.get('x-cache')).toBe('MISS')
    expect((filled.body as Product).price).toBe(25)
    const hit = await api(first.url, path)
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect((hit.body as Product).price).toBe(25)

    const listedNow = await api(second.url, listed)
    expect((listedNow.body as Json).totalDocs).toBe(1)
    const listedHit = await api(first.url, listed)
    expect(listedHit.headers.get('x-cache')).toBe('HIT')
    expect((listedHit.body as Json).totalDocs).toBe(1)
  })

  it('keeps answering from the primary while the replica is down, and reads from it again once it is back', async () => {
    const product = await createProduct()
    await cluster.waitForReplay()
    await cluster.stopReplica()

    for (const server of [first, second]) {
      const list = await api(server.url, `/api/products?limit=5&fresh=${uniqueWord()}`)
      expect(list.status).toBe(200)
      expect((list.body as Json).totalDocs).toBeGreaterThan(0)
      expect((await anonymousUncached(server, product.id)).model).toBe('Original')
      const ready = await api(server.url, '/readyz')
      expect(ready.status).toBe(200)
      expect(ready.body).toMatchObject({ status: 'ready', checks: { replicas: 'down' } })
    }
    // A server that starts while the replica is down starts, and serves from the primary.
    const third = await startTestServer({ databaseUrl: primaryUrl, env })
    try {
      expect((await anonymousUncached(third, product.id)).model).toBe('Original')
    } finally {
      await third.stop()
    }

    await cluster.startReplica()
    await cluster.waitForReplay()
    await cluster.pauseReplay()
    await renameInSql(product.id, 'WhileAway')
    for (const server of [first, second]) {
      // The server probes a replica it lost about once a second: wait for reads to come back.
      let model = ''
      for (let attempt = 0; attempt < 300 && model !== 'Original'; attempt++) {
        model = (await anonymousUncached(server, product.id)).model
        if (model !== 'Original') await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(model).toBe('Original')
      expect((await api(server.url, '/readyz')).body).toMatchObject({
        checks: { replicas: 'up' },
      })
    }
  })
})
