import { demoProducts, demoUsers } from '../../src/seed/demoCatalog'
import { startTestServer, type TestServer } from '../helpers/testServer'

describe('first run with demo data', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({
      env: { SEED_DEMO: 'true', RATE_LIMIT_CREDENTIALS: '1000' },
      readyTimeoutMs: 240_000,
    })
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
    // Two vendor products stay pending and one is rejected for staff to moderate.
    expect(body.totalDocs).toBe(demoProducts.length - 3)
    expect(body.docs.every((product: { status: string }) => product.status === 'approved')).toBe(
      true,
    )
  })
})
