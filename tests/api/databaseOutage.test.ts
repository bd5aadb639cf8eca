import { api, graphql } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/privatePostgres'
import { startTestServer, type TestServer } from '../helpers/testServer'

const UNAVAILABLE = { errors: [{ message: expect.stringMatching(/database is unavailable/i) }] }

/** Polls /readyz until it answers `status` (the server finds out on its own). */
const readyzBecomes = async (url: string, status: number): Promise<void> => {
  for (let attempt = 0; attempt < 300; attempt++) {
    if ((await api(url, '/readyz')).status === status) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`/readyz never answered ${status}`)
}

/**
 * The database stopping under a running server (a restart, a failover): on a private cluster,
 * since the machine's PostgreSQL is shared. Requests get a clear 503, never a 500 or an answer
 * as if the caller had signed out, and the same process serves again once the database is back.
 */
describe('a database outage', () => {
  let cluster: PrivatePostgres
  let server: TestServer
  let token: string
  let product: number

  beforeAll(async () => {
    cluster = await startPrivatePostgres()
    const databaseUrl = await cluster.createDatabase('outage')
    server = await startTestServer({ databaseUrl })
    token = await registerAdmin(server.url)
    const created = await api(server.url, '/api/products', {
      method: 'POST',
      token,
      body: { brand: 'Outage', model: 'Lamp', slug: 'outage-lamp', price: 5, stock: 3 },
    })
    expect(created.status).toBe(201)
    product = (created.body as { doc: { id: number } }).doc.id
  }, 240_000)

  afterAll(async () => {
    await server?.stop()
    await cluster?.destroy()
  })

  it('answers 503 with a JSON error while the database is down, and serves again once it is back', async () => {
    const pid = server.process.pid
    await cluster.stop()
    await readyzBecomes(server.url, 503)

    const signedIn = [
      await api(server.url, '/api/users/me', { token }),
      await api(server.url, `/api/products/${product}`, { token }),
      await api(server.url, '/api/orders', {
        method: 'POST',
        token,
        body: { items: [{ product, quantity: 1 }] },
      }),
      await api(server.url, '/api/categories?limit=1'),
      await graphql(server.url, '{ Products(limit: 1) { docs { id } } }', token),
    ]
    for (const response of signedIn) {
      expect({ status: response.status, body: response.body }).toEqual({
        status: 503,
        body: UNAVAILABLE,
      })
      expect(response.headers.get('retry-after')).toBe('5')
    }

    await cluster.start()
    await readyzBecomes(server.url, 200)
    const me = await api(server.url, '/api/users/me', { token })
    expect(me.status).toBe(200)
    expect((me.body as { user: { roles: string[] } }).user.roles).toEqual(['admin'])
    const stock = await api(server.url, `/api/products/${product}?depth=0`, { token })
    expect((stock.body as { stock: number }).stock).toBe(3)
    expect(server.process.pid).toBe(pid)
    expect(server.process.exitCode).toBeNull()
  })
})
