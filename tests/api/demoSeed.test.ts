import pg from 'pg'

import { ORDER_STATUSES } from '../../src/lib/statuses'
import { demoProducts, demoUsers } from '../../src/seed/demoCatalog'
import { VOLUME_PRODUCTS } from '../../src/seed/seedVolume'
import { api, type Json } from '../helpers/apiClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

describe('first run with demo data', () => {
  let server: TestServer
  let startMs: number
  let adminToken: string

  beforeAll(async () => {
    const started = performance.now()
    server = await startTestServer({
      env: { SEED_DEMO: 'true', RATE_LIMIT_CREDENTIALS: '1000' },
      readyTimeoutMs: 240_000,
    })
    startMs = performance.now() - started
    const login = await api(server.url, '/api/users/login', {
      method: 'POST',
      body: { email: demoUsers.admin.email, password: demoUsers.admin.password },
    })
    adminToken = (login.body as Json).token
  }, 300_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('prints the admin URL and the demo logins', () => {
    expect(server.output()).toContain(`Admin UI: ${server.url}/admin`)
    expect(server.output()).toContain(`${demoUsers.admin.email} / ${demoUsers.admin.password}`)
  })

  it.each([
    ['admin', demoUsers.admin],
    ['staff', demoUsers.staff],
    ['vendor', demoUsers.vendors[0]],
    ['customer', demoUsers.customers[0]],
  ])('lets the demo %s log in with the printed password', async (role, account) => {
    const response = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    })
    expect(response.status).toBe(200)
    expect((await response.json()).user.roles).toContain(role)
  })

  it('shows anonymous shoppers the approved demo catalog only', async () => {
    const response = await fetch(`${server.url}/api/products?limit=100&depth=0`)
    const body = await response.json()
    const [{ approved }] = await query<{ approved: number }>(
      `SELECT count(*)::int AS approved FROM products WHERE status = 'approved'`,
    )
    // Two named vendor products stay pending and one is rejected; the bulk has more of both.
    expect(approved).toBeLessThanOrEqual(demoProducts.length - 3 + VOLUME_PRODUCTS - 10)
    expect(body.totalDocs).toBe(approved)
    expect(body.docs.every((product: { status: string }) => product.status === 'approved')).toBe(
      true,
    )
  })

  const query = async <Row>(text: string): Promise<Row[]> => {
    const client = new pg.Client({ connectionString: server.databaseUrl })
    await client.connect()
    try {
      return (await client.query(text)).rows as Row[]
    } finally {
      await client.end()
    }
  }

  it('starts with the whole demo store seeded in bulk', () => {
    const output = server.output()
    console.log(`first start with the demo seed: ready in ${Math.round(startMs)} ms`)
    expect(output).toMatch(/Seeded the volume in bulk: \d+ products, \d+ orders, \d+ reviews/)
  })

  it('gives staff about 200 products from 4+ vendors, pending and rejected ones among them', async () => {
    const count = async (where: string) =>
      (
        (await api(server.url, `/api/products?limit=1&depth=0${where}`, { token: adminToken }))
          .body as Json
      ).totalDocs as number
    expect(await count('')).toBe(demoProducts.length + VOLUME_PRODUCTS)
    expect(await count('&where[status][equals]=pending')).toBeGreaterThanOrEqual(5)
    expect(await count('&where[status][equals]=rejected')).toBeGreaterThanOrEqual(5)
    expect(
      await count('&where[stock][less_than_equal]=5&where[status][equals]=approved'),
    ).toBeGreaterThanOrEqual(5)
    const owners = await query<{ owners: number }>(
      `SELECT count(DISTINCT owner_id)::int AS owners FROM products p
         JOIN users_roles r ON r.parent_id = p.owner_id AND r.value = 'vendor'`,
    )
    expect(owners[0].owners).toBeGreaterThanOrEqual(4)
  })

  it('gives staff about 300 orders over the last 60 days, in every status', async () => {
    const orders = async (where: string) =>
      (
        (await api(server.url, `/api/orders?limit=1&depth=0${where}`, { token: adminToken }))
          .body as Json
      ).totalDocs as number
    const total = await orders('')
    expect(total).toBeGreaterThanOrEqual(280)
    for (const status of ORDER_STATUSES) {
      expect({ status, some: (await orders(`&where[status][equals]=${status}`)) >= 10 }).toEqual({
        status,
        some: true,
      })
    }
    const [spread] = await query<{ days: number; weeks: number }>(
      `SELECT count(DISTINCT date_trunc('day', created_at))::int AS days,
              count(DISTINCT date_trunc('week', created_at))::int AS weeks
         FROM orders WHERE created_at > now() - interval '60 days'`,
    )
    expect(spread.days).toBeGreaterThanOrEqual(40)
    expect(spread.weeks).toBeGreaterThanOrEqual(8)
    const [stock] = await query<{ negative: number; wrong_available: number }>(
      `SELECT count(*) FILTER (WHERE stock < 0)::int AS negative,
              count(*) FILTER (WHERE available <> (status = 'approved' AND deleted_at IS NULL
                                                   AND stock > 0))::int AS wrong_available
         FROM products`,
    )
    expect(stock).toEqual({ negative: 0, wrong_available: 0 })
  })

  it('shows reviews with verified purchases and product ratings', async () => {
    const reviews = (await api(server.url, '/api/reviews?limit=1&depth=0')).body as Json
    expect(reviews.totalDocs).toBeGreaterThanOrEqual(150)
    const verified = (
      await api(server.url, '/api/reviews?limit=1&depth=0&where[verifiedPurchase][equals]=true')
    ).body as Json
    expect(verified.totalDocs).toBeGreaterThanOrEqual(50)
    const rated = (
      await api(server.url, '/api/products?limit=1&depth=0&where[ratingCount][greater_than]=0')
    ).body as Json
    expect(rated.totalDocs).toBeGreaterThanOrEqual(50)
  })
})
