import {
  type Account,
  activeUser,
  call,
  me,
  PASSWORD,
  registerFirstAdmin,
  tokenPair,
} from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

/**
 * Sessions and refresh tokens under concurrent requests: whatever the interleaving, a session
 * that was logged out never works again and a revoked refresh-token family stays revoked.
 */
describe('sessions and token families under concurrent requests', () => {
  let server: TestServer
  let url: string
  let account: Account
  let adminAuth: string

  const login = async () => {
    const { status, body } = await call(`${url}/api/users/login`, {
      body: { username: account.username, password: account.password },
    })
    if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`)
    return body.token as string
  }

  const graphqlAs = (jwt: string, query: string) =>
    call(`${url}/api/graphql`, { auth: `JWT ${jwt}`, body: { query } })

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '100000', RATE_LIMIT_API: '100000' },
    })
    url = server.url
    const admin = await registerFirstAdmin(url)
    adminAuth = `JWT ${(await call(`${url}/api/users/login`, { body: { username: admin.username, password: admin.password } })).body.token}`
    account = await activeUser(url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('never brings back a session logged out while a login of the same user runs (REST)', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const session = await login()
      const [logout, other] = await Promise.all([
        call(`${url}/api/users/logout`, { auth: `JWT ${session}`, body: {} }),
        call(`${url}/api/users/login`, {
          body: { username: account.username, password: account.password },
        }),
      ])
      expect(logout.status).toBe(200)
      expect(other.status).toBe(200)
      expect(await me(url, `JWT ${session}`)).toBeNull()
      expect(await me(url, `JWT ${other.body.token}`)).toMatchObject({ id: account.id })
    }
  })

  it('never brings back a session logged out while a login of the same user runs (GraphQL)', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const session = await login()
      const [logout, other] = await Promise.all([
        graphqlAs(session, 'mutation { logoutUser }'),
        call(`${url}/api/graphql`, {
          body: {
            query: `mutation { loginUser(email: "${account.email}", username: "${account.username}", password: "${account.password}") { token } }`,
          },
        }),
      ])
      expect(logout.body).toEqual({ data: { logoutUser: expect.any(String) } })
      expect(other.body).toMatchObject({ data: { loginUser: { token: expect.any(String) } } })
      expect(await me(url, `JWT ${session}`)).toBeNull()
    }
  })

  it('a refresh racing "log out everywhere" leaves no working token', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const stolen = await login()
      const owner = await login()
      const [refreshed, logout] = await Promise.all([
        call(`${url}/api/users/refresh-token`, { auth: `JWT ${stolen}`, body: {} }),
        call(`${url}/api/users/logout?allSessions=true`, { auth: `JWT ${owner}`, body: {} }),
      ])
      expect(logout.status).toBe(200)
      expect(await me(url, `JWT ${stolen}`)).toBeNull()
      expect(await me(url, `JWT ${owner}`)).toBeNull()
      if (refreshed.status === 200) {
        expect(await me(url, `JWT ${refreshed.body.refreshedToken}`)).toBeNull()
      }
    }
  })

  it('a token-pair logout racing a new /api/token sign-in keeps the pair signed out', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const pair = await tokenPair(url, account)
      const [logout, other] = await Promise.all([
        call(`${url}/api/token/logout`, { body: { refresh: pair.refresh } }),
        call(`${url}/api/token`, {
          body: { username: account.username, password: account.password },
        }),
      ])
      expect(logout.status).toBe(200)
      expect(other.status).toBe(200)
      expect(await me(url, `Bearer ${pair.access}`)).toBeNull()
      expect(await me(url, `Bearer ${other.body.access}`)).toMatchObject({ id: account.id })
    }
  })

  it('ten parallel refreshes with one token: one winner at most, and the reuse revokes its new pair too', async () => {
    const pair = await tokenPair(url, account)
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } }),
      ),
    )
    const winners = results.filter((result) => result.status === 200)
    expect(winners.length).toBeLessThanOrEqual(1)
    expect(results.filter((result) => result.status === 401).length).toBe(10 - winners.length)
    expect(await me(url, `Bearer ${pair.access}`)).toBeNull()
    for (const winner of winners) {
      expect(await me(url, `Bearer ${winner.body.access}`)).toBeNull()
      const again = await call(`${url}/api/token/refresh`, {
        body: { refresh: winner.body.refresh },
      })
      expect(again.status).toBe(401)
    }
  })

  it('concurrent logins, refreshes and logouts of one user end in one consistent session list', async () => {
    const kept = await Promise.all(Array.from({ length: 3 }, () => tokenPair(url, account)))
    const ended = await Promise.all(Array.from({ length: 3 }, () => tokenPair(url, account)))
    const rotations = await Promise.all([
      ...kept.map((pair) => call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })),
      ...ended.map((pair) => call(`${url}/api/token/logout`, { body: { refresh: pair.refresh } })),
      login(),
      login(),
    ])
    for (const rotation of rotations.slice(0, 3) as Array<Awaited<ReturnType<typeof call>>>) {
      expect(rotation.status).toBe(200)
      expect(await me(url, `Bearer ${rotation.body.access}`)).toMatchObject({ id: account.id })
    }
    for (const pair of [...kept, ...ended]) {
      expect(await me(url, `Bearer ${pair.access}`)).toBeNull()
    }
    for (const session of rotations.slice(6) as string[]) {
      expect(await me(url, `JWT ${session}`)).toMatchObject({ id: account.id })
    }
  })

  describe('one user changed by parallel requests', () => {
    const loginAs = async (user: Account) => {
      const { status, body } = await call(`${url}/api/users/login`, {
        body: { username: user.username, password: user.password },
      })
      return { status, token: body.token as string | undefined }
    }

    it('deletes a user once under parallel admin DELETEs: one 200, the others 404 JSON, never 500', async () => {
      const user = await activeUser(url)
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          call(`${url}/api/users/${user.id}`, { method: 'DELETE', auth: adminAuth }),
        ),
      )
      const statuses = responses.map((response) => response.status).sort()
      expect(statuses).toEqual([200, 404, 404, 404, 404, 404])
      for (const response of responses.filter(({ status }) => status === 404)) {
        expect(response.body.errors[0].message).toBeTruthy()
      }
      const gone = await call(`${url}/api/users/${user.id}`, { auth: adminAuth })
      expect(gone.status).toBe(404)
      expect((await loginAs(user)).status).toBe(401)
    })

    it('serialises an admin role change, self edits, a login and a token refresh of one user', async () => {
      for (let round = 0; round < 3; round++) {
        const user = await activeUser(url)
        const session = (await loginAs(user)).token
        const pair = await tokenPair(url, user)
        const [roles, ...rest] = await Promise.all([
          call(`${url}/api/users/${user.id}`, {
            method: 'PATCH',
            auth: adminAuth,
            body: { roles: ['vendor'] },
          }),
          call(`${url}/api/users/${user.id}`, {
            method: 'PATCH',
            auth: `JWT ${session}`,
            body: { name: `Round ${round}` },
          }),
          call(`${url}/api/users/login`, {
            body: { username: user.username, password: user.password },
          }),
          call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } }),
        ])
        expect([roles, ...rest].map((response) => response.status)).toEqual([200, 200, 200, 200])
        const stored = await call(`${url}/api/users/${user.id}?depth=0`, { auth: adminAuth })
        expect(stored.body).toMatchObject({ roles: ['vendor'], name: `Round ${round}` })
        expect(await me(url, `JWT ${session}`)).toMatchObject({ id: user.id })
        expect(await me(url, `JWT ${rest[1].body.token}`)).toMatchObject({ id: user.id })
        expect(await me(url, `Bearer ${rest[2].body.access}`)).toMatchObject({ id: user.id })
      }
    })

    it('a password change racing a token refresh and a login of the same user: no 5xx, and only the new password works', async () => {
      for (let round = 0; round < 3; round++) {
        const user = await activeUser(url)
        const session = (await loginAs(user)).token
        const pair = await tokenPair(url, user)
        const password = `${PASSWORD}-${round}x`
        const responses = await Promise.all([
          call(`${url}/api/users/${user.id}`, {
            method: 'PATCH',
            auth: `JWT ${session}`,
            body: { password, currentPassword: user.password },
          }),
          call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } }),
          call(`${url}/api/users/login`, {
            body: { username: user.username, password: user.password },
          }),
        ])
        expect(responses[0].status).toBe(200)
        for (const response of responses) expect(response.status).toBeLessThan(500)
        expect((await loginAs(user)).status).toBe(401)
        expect((await loginAs({ ...user, password })).status).toBe(200)
      }
    })
  })
})
