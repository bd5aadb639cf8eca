import {
  type Account,
  activeUser,
  call,
  me,
  registerFirstAdmin,
  sleep,
  tokenPair,
  unique,
} from '../helpers/authClient'
import pg from 'pg'

import { startTestServer, type TestServer } from '../helpers/testServer'

describe('personal API tokens', () => {
  let server: TestServer
  let url: string
  let admin: Account
  let adminJwt: string
  let alice: Account
  let aliceJwt: string
  let bob: Account

  const createToken = async (jwt: string, body: Record<string, unknown>) =>
    call(`${url}/api/users/me/api-tokens`, { auth: `Bearer ${jwt}`, body })

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '1000', RATE_LIMIT_API: '5000' },
    })
    url = server.url
    admin = await registerFirstAdmin(url)
    adminJwt = (await tokenPair(url, admin)).access
    alice = await activeUser(url)
    aliceJwt = (await tokenPair(url, alice)).access
    bob = await activeUser(url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('creates a token whose secret is shown once, lists it without the secret, and acts as its owner', async () => {
    const created = await createToken(aliceJwt, { name: 'CI script' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      name: 'CI script',
      token: expect.stringMatching(/^mkt_[\w-]{40,}$/),
      preview: expect.stringMatching(/^mkt_.{4}…$/),
      expiresAt: null,
    })
    const secret: string = created.body.token

    const list = await call(`${url}/api/users/me/api-tokens`, { auth: `Bearer ${aliceJwt}` })
    expect(list.status).toBe(200)
    expect(list.body.docs).toEqual([
      expect.objectContaining({ id: created.body.id, name: 'CI script' }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(secret)
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash/)

    // The collection's own REST route never exposes the hash either.
    const raw = await call(`${url}/api/api-tokens`, { auth: `Bearer ${aliceJwt}` })
    expect(raw.body.docs).toHaveLength(1)
    expect(raw.body.docs[0].tokenHash).toBeUndefined()

    expect(await me(url, `Bearer ${secret}`)).toMatchObject({ id: alice.id })
    expect(await me(url, `API-Token ${secret}`)).toMatchObject({ id: alice.id })
    const graphql = await call(`${url}/api/graphql`, {
      auth: `Bearer ${secret}`,
      body: { query: '{ meUser { user { id } } }' },
    })
    expect(graphql.body.data.meUser.user.id).toBe(alice.id)
  })

  it('keeps no API token secret in the database', async () => {
    const created = await createToken(aliceJwt, { name: 'audit' })
    const client = new pg.Client({ connectionString: server.databaseUrl })
    await client.connect()
    try {
      const raw = await client.query(
        "SELECT 1 FROM api_tokens WHERE row_to_json(api_tokens)::text LIKE '%' || $1 || '%'",
        [created.body.token.slice(4)],
      )
      expect(raw.rowCount).toBe(0)
      const { rowCount } = await client.query('SELECT 1 FROM api_tokens WHERE id = $1', [
        created.body.id,
      ])
      expect(rowCount).toBe(1)
    } finally {
      await client.end()
    }
  })

  it('lists only the caller’s own tokens and lets no one else revoke them', async () => {
    const created = await createToken(aliceJwt, { name: unique('mine-') })
    const bobJwt = (await tokenPair(url, bob)).access
    const bobList = await call(`${url}/api/users/me/api-tokens`, { auth: `Bearer ${bobJwt}` })
    expect(bobList.body.docs).toEqual([])
    const steal = await call(`${url}/api/users/me/api-tokens/${created.body.id}`, {
      method: 'DELETE',
      auth: `Bearer ${bobJwt}`,
    })
    expect(steal.status).toBe(404)
    expect(await me(url, `Bearer ${created.body.token}`)).toMatchObject({ id: alice.id })
  })

  it('revokes a token: it stops working at once', async () => {
    const created = await createToken(aliceJwt, { name: 'short-lived' })
    const secret = created.body.token
    expect(await me(url, `Bearer ${secret}`)).not.toBeNull()
    const revoke = await call(`${url}/api/users/me/api-tokens/${created.body.id}`, {
      method: 'DELETE',
      auth: `Bearer ${aliceJwt}`,
    })
    expect(revoke.status).toBe(200)
    expect(await me(url, `Bearer ${secret}`)).toBeNull()
    const again = await call(`${url}/api/users/me/api-tokens/${created.body.id}`, {
      method: 'DELETE',
      auth: `Bearer ${aliceJwt}`,
    })
    expect(again.status).toBe(404)
  })

  it('honours an expiry and validates the input', async () => {
    const expiresAt = new Date(Date.now() + 2000).toISOString()
    const created = await createToken(aliceJwt, { name: 'expiring', expiresAt })
    expect(created.status).toBe(201)
    expect(created.body.expiresAt).toBe(expiresAt)
    expect(await me(url, `Bearer ${created.body.token}`)).not.toBeNull()
    await sleep(2200)
    expect(await me(url, `Bearer ${created.body.token}`)).toBeNull()

    const past = await createToken(aliceJwt, { name: 'past', expiresAt: '2001-01-01T00:00:00Z' })
    expect(past.status).toBe(400)
    expect(past.body.errors[0].message).toMatch(/expiresAt must be in the future/)
    const noName = await createToken(aliceJwt, {})
    expect(noName.status).toBe(400)
    expect(noName.body.errors[0].message).toMatch(/name is required/)
  })

  it('requires a session to manage tokens: anonymous is 401, an API token cannot mint more', async () => {
    const anonymous = await call(`${url}/api/users/me/api-tokens`)
    expect(anonymous.status).toBe(401)
    const created = await createToken(aliceJwt, { name: 'no-minting' })
    const minted = await createToken(created.body.token, { name: 'child' })
    expect(minted.status).toBe(403)
    expect(minted.body.errors[0].message).toMatch(/needs a signed-in session/)
    // The collection's own create is closed, so no one bypasses the endpoint.
    const direct = await call(`${url}/api/api-tokens`, {
      auth: `Bearer ${aliceJwt}`,
      body: { user: alice.id, name: 'x', tokenHash: 'x', preview: 'x' },
    })
    expect(direct.status).toBe(403)
  })

  it('refuses unknown and malformed tokens', async () => {
    expect(await me(url, 'Bearer mkt_thisTokenDoesNotExist0000000000000000000000')).toBeNull()
    const orders = await call(`${url}/api/users/me/api-tokens`, {
      auth: 'Bearer mkt_thisTokenDoesNotExist0000000000000000000000',
    })
    expect(orders.status).toBe(401)
  })

  describe("an admin's API token has customer/vendor powers only", () => {
    let adminToken: string

    beforeAll(async () => {
      const created = await createToken(adminJwt, { name: 'admin script' })
      adminToken = `Bearer ${created.body.token}`
    })

    it('authenticates as the admin, but cannot list all users', async () => {
      expect(await me(url, adminToken)).toMatchObject({ id: admin.id })
      const withJwt = await call(`${url}/api/users?limit=100`, { auth: `Bearer ${adminJwt}` })
      expect(withJwt.body.totalDocs).toBeGreaterThanOrEqual(3)
      const withToken = await call(`${url}/api/users?limit=100`, { auth: adminToken })
      expect(withToken.status).toBe(200)
      expect(withToken.body.docs.map((user: { id: number }) => user.id)).toEqual([admin.id])
    })

    it("cannot read another customer's account", async () => {
      const withJwt = await call(`${url}/api/users/${bob.id}`, { auth: `Bearer ${adminJwt}` })
      expect(withJwt.status).toBe(200)
      const withToken = await call(`${url}/api/users/${bob.id}`, { auth: adminToken })
      expect(withToken.status).toBe(404)
    })

    it("cannot update another user's roles", async () => {
      const attempt = await call(`${url}/api/users/${bob.id}`, {
        method: 'PATCH',
        auth: adminToken,
        body: { roles: ['admin'] },
      })
      expect([403, 404]).toContain(attempt.status)
      const bobNow = await call(`${url}/api/users/${bob.id}`, { auth: `Bearer ${adminJwt}` })
      expect(bobNow.body.roles).toEqual(['customer'])
    })

    it('cannot use admin/staff-only operations (creating a category), which its session can', async () => {
      const name = unique('Category ')
      const withToken = await call(`${url}/api/categories`, {
        auth: adminToken,
        body: { name, slug: name.toLowerCase().replace(/\s+/g, '-') },
      })
      expect(withToken.status).toBe(403)
      const graphql = await call(`${url}/api/graphql`, {
        auth: adminToken,
        body: {
          query: `mutation { createCategory(data: { name: "${name}", slug: "${name.replace(/\s+/g, '-')}-gql" }) { id } }`,
        },
      })
      expect(graphql.body.errors?.[0]?.message).toMatch(/not allowed/i)
      const withJwt = await call(`${url}/api/categories`, {
        auth: `Bearer ${adminJwt}`,
        body: { name, slug: name.toLowerCase().replace(/\s+/g, '-') },
      })
      expect(withJwt.status).toBe(201)
    })

    it('cannot moderate products (reject), which its session can', async () => {
      const model = unique('Model ')
      const created = await call(`${url}/api/products`, {
        auth: `Bearer ${adminJwt}`,
        body: { brand: 'Acme', model, price: 10, stock: 1 },
      })
      expect(created.status).toBe(201)
      const id = created.body.doc.id
      const reject = (authorization: string) =>
        call(`${url}/api/products/${id}/reject`, {
          auth: authorization,
          body: { reason: 'Blurry pictures' },
        })
      const withToken = await reject(adminToken)
      expect(withToken.status).toBe(403)
      const unchanged = await call(`${url}/api/products/${id}`, { auth: `Bearer ${adminJwt}` })
      expect(unchanged.body.status).toBe('approved')
      const withSession = await reject(`Bearer ${adminJwt}`)
      expect(withSession.status).toBe(200)
      const rejected = await call(`${url}/api/products/${id}`, { auth: `Bearer ${adminJwt}` })
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejectionReason: 'Blurry pictures',
      })
    })

    it('is refused by the admin panel', async () => {
      // Payload omits `canAccessAdmin` when it is false.
      const access = await call(`${url}/api/access`, { auth: adminToken })
      expect(access.body.canAccessAdmin ?? false).toBe(false)
      const sessionAccess = await call(`${url}/api/access`, { auth: `Bearer ${adminJwt}` })
      expect(sessionAccess.body.canAccessAdmin).toBe(true)
      const panel = (authorization: string) =>
        fetch(`${url}/admin`, { headers: { Authorization: authorization }, redirect: 'manual' })
      const withToken = await panel(adminToken)
      expect(withToken.status).toBe(307)
      expect(withToken.headers.get('location')).toMatch(/\/admin\/unauthorized$/)
      const withSession = await panel(`JWT ${adminJwt}`)
      expect(withSession.headers.get('location') ?? '').not.toMatch(/unauthorized|login/)
    })
  })
})
