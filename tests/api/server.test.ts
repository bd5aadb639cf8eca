import { startTestServer, type TestServer } from '../helpers/testServer'
import { dropDatabase } from '../helpers/testDatabase'

describe('front server', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_CREDENTIALS: '3', RATE_LIMIT_API: '40' } })
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok' })
  })

  it('reports ready on /readyz when the database answers', async () => {
    const response = await fetch(`${server.url}/readyz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ready', checks: { database: 'up' } })
  })

  it('serves the REST and GraphQL APIs and the admin UI', async () => {
    const products = await fetch(`${server.url}/api/products`)
    expect(products.status).toBe(200)
    expect(await products.json()).toMatchObject({ docs: [], totalDocs: 0 })

    const graphql = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ Products { totalDocs } }' }),
    })
    expect(graphql.status).toBe(200)
    expect(await graphql.json()).toEqual({ data: { Products: { totalDocs: 0 } } })

    const admin = await fetch(`${server.url}/admin`, { redirect: 'manual' })
    expect([200, 307]).toContain(admin.status)
  })

  it('answers a REST HEAD like its GET, headers only, with a status text', async () => {
    const response = await fetch(`${server.url}/api/products?limit=1`, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.statusText).toBe('OK')
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(await response.text()).toBe('')
  })

  it('answers REST CORS preflights for the public origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/products`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'PATCH' },
      })
    const allowed = await preflight(server.url)
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(server.url)
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/PATCH/)
    const foreign = await preflight('https://elsewhere.example')
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it.each([
    ['GET', '/api/products/abc', 404],
    ['GET', '/api/products/2147483648', 404],
    ['GET', '/api/reviews/1;drop', 404],
    ['GET', '/api/orders/abc', 404],
    ['PATCH', '/api/categories/not-an-id', 404],
    // Anonymous deletes are refused before the id is looked at.
    ['DELETE', '/api/users/12abc', 403],
  ])('answers %s %s (a malformed id) with %i, not a 500', async (method, path, status) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: method === 'PATCH' ? '{}' : undefined,
    })
    expect(response.status).toBe(status)
    expect((await response.json()).errors[0].message).toEqual(expect.any(String))
  })

  it('keeps the GraphQL playground off in production', async () => {
    const response = await fetch(`${server.url}/api/graphql-playground`)
    expect(response.status).toBe(404)
  })

  it('logs one structured line per request with method, path, status, ms and request id', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'X-Request-Id': 'trace-abc.123' },
    })
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const line = server
      .output()
      .split('\n')
      .find((entry) => entry.includes('"requestId":"trace-abc.123"'))
    expect(line).toBeDefined()
    expect(JSON.parse(line!)).toMatchObject({
      method: 'GET',
      path: '/healthz',
      status: 200,
      ms: expect.any(Number),
    })
  })

  it('lets the first user register as admin, once', async () => {
    const first = await fetch(`${server.url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'root@example.com',
        username: 'root',
        password: 'Correct-Horse-9',
      }),
    })
    expect(first.status).toBe(200)
    const body = await first.json()
    expect(body.user).toMatchObject({ email: 'root@example.com', roles: ['admin'] })

    const second = await fetch(`${server.url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'intruder@example.com',
        username: 'intruder',
        password: 'Correct-Horse-9',
      }),
    })
    expect(second.status).toBe(403)
    expect((await second.json()).errors[0].message).toEqual(expect.any(String))
  })

  it('limits credential endpoints per IP with 429, Retry-After and standard headers', async () => {
    const attempt = () =>
      fetch(`${server.url}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-1' }),
      })
    // The first-register calls above already used two of the three allowed credential requests.
    const allowed = await attempt()
    expect(allowed.status).toBe(401)
    expect(allowed.headers.get('ratelimit-policy')).toMatch(/"credentials"; q=3; w=60/)
    const limited = await attempt()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('ratelimit')).toMatch(/"credentials"; r=0; t=\d+/)
    expect(await limited.json()).toEqual({
      errors: [{ message: 'Too many attempts, please wait before trying again.' }],
    })
  })

  it('limits all /api routes per IP', async () => {
    let last: Response | undefined
    for (let i = 0; i < 45; i++) {
      last = await fetch(`${server.url}/api/categories`)
      if (last.status === 429) break
    }
    expect(last!.status).toBe(429)
    expect(last!.headers.get('ratelimit-policy')).toMatch(/"api"; q=40; w=60/)
    expect((await last!.json()).errors[0].message).toMatch(/Too many requests/)
    // Health probes are not rate limited.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})

describe('readiness without a database', () => {
  it('answers 503 on /readyz once the database is gone, while /healthz stays 200', async () => {
    // No jobs runner: its poll every second keeps a connection busy, so the drop would end that
    // query instead of an idle connection, and which one it hits would decide what is logged.
    const server = await startTestServer({ env: { JOBS_AUTORUN: 'false' } })
    try {
      await dropDatabase(server.databaseUrl)
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(503)
      expect(await ready.json()).toMatchObject({
        status: 'unavailable',
        checks: { database: 'down' },
      })
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      // The connections the drop ended are logged as lost, not left as uncaught errors.
      const deadline = Date.now() + 10_000
      while (!server.output().includes('database connection lost') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(server.output()).toContain('database connection lost')
      expect(server.output()).not.toMatch(/uncaught/i)
    } finally {
      await server.stop()
    }
  })
})
