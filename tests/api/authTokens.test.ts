import {
  type Account,
  activeUser,
  call,
  me,
  PASSWORD,
  registerFirstAdmin,
  sleep,
  tokenPair,
  unique,
} from '../helpers/authClient'
import { createHash } from 'node:crypto'
import pg from 'pg'

import { startTestServer, type TestServer } from '../helpers/testServer'

describe('token pairs (POST /api/token, /refresh, /logout)', () => {
  let server: TestServer
  let url: string
  let customer: Account

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '1000', RATE_LIMIT_API: '5000', MAX_LOGIN_ATTEMPTS: '3' },
    })
    url = server.url
    await registerFirstAdmin(url)
    customer = await activeUser(url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('issues a pair by username or by email, with a short-lived JWT and an opaque refresh token', async () => {
    const byUsername = await tokenPair(url, customer)
    expect(byUsername).toMatchObject({
      access: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refresh: expect.stringMatching(/^[\w-]{40,}$/),
      tokenType: 'Bearer',
      user: { id: customer.id, username: customer.username },
    })
    const now = Date.now() / 1000
    // Default access lifetime: 15 minutes; refresh: 14 days.
    expect(byUsername.exp).toBeGreaterThan(now + 14 * 60)
    expect(byUsername.exp).toBeLessThanOrEqual(now + 15 * 60 + 2)
    expect(byUsername.refreshExp).toBeGreaterThan(now + 13.9 * 24 * 3600)

    const byEmail = await call(`${url}/api/token`, {
      body: { email: customer.email, password: PASSWORD },
    })
    expect(byEmail.status).toBe(200)
    expect(byEmail.body.refresh).not.toBe(byUsername.refresh)
  })

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const { refresh } = await tokenPair(url, customer)
    const client = new pg.Client({ connectionString: server.databaseUrl })
    await client.connect()
    try {
      const { rows } = await client.query<{ token_hash: string }>(
        'SELECT token_hash FROM refresh_tokens',
      )
      const stored = rows.map((row) => row.token_hash)
      expect(stored).toContain(createHash('sha256').update(refresh).digest('hex'))
      expect(stored).not.toContain(refresh)
      const raw = await client.query(
        "SELECT 1 FROM refresh_tokens WHERE row_to_json(refresh_tokens)::text LIKE '%' || $1 || '%'",
        [refresh],
      )
      expect(raw.rowCount).toBe(0)
    } finally {
      await client.end()
    }
  })

  it('accepts the access token as `JWT <access>` and as `Bearer <access>`', async () => {
    const { access } = await tokenPair(url, customer)
    expect(await me(url, `JWT ${access}`)).toMatchObject({ id: customer.id })
    expect(await me(url, `Bearer ${access}`)).toMatchObject({ id: customer.id })
    const graphql = await call(`${url}/api/graphql`, {
      auth: `Bearer ${access}`,
      body: { query: '{ meUser { user { id } } }' },
    })
    expect(graphql.body.data.meUser.user.id).toBe(customer.id)
  })

  it('refuses wrong credentials and unknown accounts with the same 401', async () => {
    const wrong = await call(`${url}/api/token`, {
      body: { username: customer.username, password: 'Wrong-password-1' },
    })
    const unknown = await call(`${url}/api/token`, {
      body: { username: unique('ghost'), password: 'Wrong-password-1' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.errors[0].message).toMatch(/incorrect/)
    const missing = await call(`${url}/api/token`, { body: { username: customer.username } })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/password are required/)
  })

  it('rotates refresh tokens: the new pair works, the old refresh token and session do not', async () => {
    const first = await tokenPair(url, customer)
    const rotated = await call(`${url}/api/token/refresh`, { body: { refresh: first.refresh } })
    expect(rotated.status).toBe(200)
    expect(rotated.body.refresh).not.toBe(first.refresh)
    expect(rotated.body.user).toMatchObject({ id: customer.id })
    expect(await me(url, `Bearer ${rotated.body.access}`)).toMatchObject({ id: customer.id })
    // The replaced access token's session ended with the rotation.
    expect(await me(url, `Bearer ${first.access}`)).toBeNull()

    const again = await call(`${url}/api/token/refresh`, {
      body: { refresh: rotated.body.refresh },
    })
    expect(again.status).toBe(200)
  })

  it('detects reuse of a refresh token and revokes its whole family', async () => {
    const first = await tokenPair(url, customer)
    const second = await call(`${url}/api/token/refresh`, { body: { refresh: first.refresh } })
    expect(second.status).toBe(200)

    const replay = await call(`${url}/api/token/refresh`, { body: { refresh: first.refresh } })
    expect(replay.status).toBe(401)
    expect(replay.body.errors[0].message).toMatch(/already used/)

    // The legitimate newer token of that family is now revoked too, and its session ended.
    const newer = await call(`${url}/api/token/refresh`, { body: { refresh: second.body.refresh } })
    expect(newer.status).toBe(401)
    expect(newer.body.errors[0].message).toMatch(/revoked/)
    expect(await me(url, `Bearer ${second.body.access}`)).toBeNull()
  })

  it('lets exactly one of two concurrent refreshes with one token win', async () => {
    const pair = await tokenPair(url, customer)
    const results = await Promise.all(
      [0, 1].map(() => call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })),
    )
    expect(results.map((result) => result.status).sort()).toEqual([200, 401])
  })

  it('answers 401 with a clear message for malformed, unknown and missing refresh tokens', async () => {
    const malformed = await call(`${url}/api/token/refresh`, { body: { refresh: 'not a token!' } })
    expect(malformed.status).toBe(401)
    expect(malformed.body.errors[0].message).toBe('The refresh token is invalid.')
    const unknown = await call(`${url}/api/token/refresh`, {
      body: { refresh: 'A'.repeat(43) },
    })
    expect(unknown.status).toBe(401)
    expect(unknown.body.errors[0].message).toBe('The refresh token is invalid.')
    const missing = await call(`${url}/api/token/refresh`, { body: {} })
    expect(missing.status).toBe(401)
    expect(missing.body.errors[0].message).toBe('A refresh token is required.')
    const notJson = await fetch(`${url}/api/token/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{oops',
    })
    expect([400, 401]).toContain(notJson.status)
  })

  it('logout with the refresh token revokes it and ends the access token at once', async () => {
    const pair = await tokenPair(url, customer)
    expect(await me(url, `Bearer ${pair.access}`)).not.toBeNull()
    const logout = await call(`${url}/api/token/logout`, { body: { refresh: pair.refresh } })
    expect(logout.status).toBe(200)
    expect(await me(url, `Bearer ${pair.access}`)).toBeNull()
    const refresh = await call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })
    expect(refresh.status).toBe(401)
    expect(refresh.body.errors[0].message).toMatch(/revoked/)
    const twice = await call(`${url}/api/token/logout`, { body: { refresh: pair.refresh } })
    expect(twice.status).toBe(401)
  })

  it('logout with only the access token ends its session and revokes its refresh token', async () => {
    const pair = await tokenPair(url, customer)
    const other = await tokenPair(url, customer)
    const logout = await call(`${url}/api/token/logout`, {
      auth: `Bearer ${pair.access}`,
      body: {},
    })
    expect(logout.status).toBe(200)
    expect(await me(url, `Bearer ${pair.access}`)).toBeNull()
    const refresh = await call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })
    expect(refresh.status).toBe(401)
    // Other sign-ins are untouched.
    expect(await me(url, `Bearer ${other.access}`)).not.toBeNull()
    const nothing = await call(`${url}/api/token/logout`, { body: {} })
    expect(nothing.status).toBe(401)
  })

  it('logout with allSessions ends every sign-in of the user', async () => {
    const account = await activeUser(url)
    const first = await tokenPair(url, account)
    const second = await tokenPair(url, account)
    const cookieLogin = await call(`${url}/api/users/login`, {
      body: { username: account.username, password: account.password },
    })
    const logout = await call(`${url}/api/token/logout`, {
      body: { refresh: first.refresh, allSessions: true },
    })
    expect(logout.status).toBe(200)
    expect(await me(url, `Bearer ${first.access}`)).toBeNull()
    expect(await me(url, `Bearer ${second.access}`)).toBeNull()
    expect(await me(url, `JWT ${cookieLogin.body.token}`)).toBeNull()
    const refresh = await call(`${url}/api/token/refresh`, { body: { refresh: second.refresh } })
    expect(refresh.status).toBe(401)
    // Other users are untouched.
    expect(await me(url, `Bearer ${(await tokenPair(url, customer)).access}`)).not.toBeNull()
  })

  it('Payload logout (POST /api/users/logout) also revokes the refresh token of that session', async () => {
    const pair = await tokenPair(url, customer)
    const logout = await call(`${url}/api/users/logout`, { auth: `JWT ${pair.access}`, body: {} })
    expect(logout.status).toBe(200)
    expect(await me(url, `JWT ${pair.access}`)).toBeNull()
    const refresh = await call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })
    expect(refresh.status).toBe(401)
  })

  it('a password change ends the other sign-ins and their refresh tokens, not the current one', async () => {
    const account = await activeUser(url)
    const current = await tokenPair(url, account)
    const other = await tokenPair(url, account)
    const newPassword = 'Another-Horse-42'
    const update = await call(`${url}/api/users/${account.id}`, {
      method: 'PATCH',
      auth: `Bearer ${current.access}`,
      body: { password: newPassword, currentPassword: account.password },
    })
    expect(update.status).toBe(200)
    expect(await me(url, `Bearer ${current.access}`)).toMatchObject({ id: account.id })
    expect(await me(url, `Bearer ${other.access}`)).toBeNull()
    expect(
      (await call(`${url}/api/token/refresh`, { body: { refresh: other.refresh } })).status,
    ).toBe(401)
    expect(
      (await call(`${url}/api/token/refresh`, { body: { refresh: current.refresh } })).status,
    ).toBe(200)
    const signIn = await call(`${url}/api/token`, {
      body: { username: account.username, password: newPassword },
    })
    expect(signIn.status).toBe(200)
  })

  it('locks the account after repeated failures through /api/token, without revealing it', async () => {
    const account = await activeUser(url)
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await call(`${url}/api/token`, {
        body: { username: account.username, password: 'Wrong-password-1' },
      })
      expect(failed.status).toBe(401)
    }
    // Even the right password is refused while locked, with the same message as a wrong one.
    const locked = await call(`${url}/api/token`, {
      body: { username: account.username, password: account.password },
    })
    expect(locked.status).toBe(401)
    const unknown = await call(`${url}/api/token`, {
      body: { username: unique('ghost'), password: account.password },
    })
    expect(locked.body).toEqual(unknown.body)
    // Payload's own login sees the same lock.
    const payloadLogin = await call(`${url}/api/users/login`, {
      body: { username: account.username, password: account.password },
    })
    expect(payloadLogin.status).toBe(401)
  })

  it('keeps Payload login, me and refresh-token working for the admin UI', async () => {
    const login = await call(`${url}/api/users/login`, {
      body: { email: customer.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('set-cookie')).toMatch(/payload-token=/)
    const refreshed = await call(`${url}/api/users/refresh-token`, {
      auth: `JWT ${login.body.token}`,
      body: {},
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshedToken).toEqual(expect.any(String))
  })
})

describe('token lifetimes', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMIT_CREDENTIALS: '1000',
        ACCESS_TOKEN_TTL: '2',
        REFRESH_TOKEN_TTL: '4',
      },
    })
    await registerFirstAdmin(server.url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('expires access tokens and refresh tokens after their configured lifetimes', async () => {
    const account = await activeUser(server.url)
    const pair = await tokenPair(server.url, account)
    expect(pair.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(2)
    expect(await me(server.url, `Bearer ${pair.access}`)).not.toBeNull()
    await sleep(2500)
    expect(await me(server.url, `Bearer ${pair.access}`)).toBeNull()
    // The refresh token still works after the access token expired…
    const refreshed = await call(`${server.url}/api/token/refresh`, {
      body: { refresh: pair.refresh },
    })
    expect(refreshed.status).toBe(200)
    // …until its own lifetime ends.
    await sleep(4500)
    const expired = await call(`${server.url}/api/token/refresh`, {
      body: { refresh: refreshed.body.refresh },
    })
    expect(expired.status).toBe(401)
    expect(expired.body.errors[0].message).toBe('The refresh token has expired. Sign in again.')
  })
})

describe('credential rate limit on token endpoints', () => {
  it('applies the strict per-IP limit to /api/token and /api/token/refresh', async () => {
    const server = await startTestServer({ env: { RATE_LIMIT_CREDENTIALS: '2' } })
    try {
      const attempt = (path: string) =>
        call(`${server.url}${path}`, { body: { username: 'nobody', password: 'Wrong-password-1' } })
      expect((await attempt('/api/token')).status).toBe(401)
      expect((await attempt('/api/token/refresh')).status).toBe(401)
      const limited = await attempt('/api/token')
      expect(limited.status).toBe(429)
      expect(limited.headers.get('ratelimit-policy')).toMatch(/"credentials"; q=2/)
    } finally {
      await server.stop()
    }
  })
})
