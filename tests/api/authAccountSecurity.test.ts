import {
  type Account,
  activeUser,
  call,
  me,
  registerFirstAdmin,
  tokenPair,
  unique,
} from '../helpers/authClient'
import { emailChangeTokenIn, settledEmailsTo, waitForEmails } from '../helpers/outbox'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** Who may unlock accounts, what an API token may not do, and how long pair tokens live. */
describe('account security over REST and GraphQL', () => {
  let server: TestServer
  let url: string
  let admin: Account

  const graphql = (auth: string | undefined, query: string) =>
    call(`${url}/api/graphql`, { auth, body: { query } })

  const apiTokenOf = async (account: Account): Promise<string> => {
    const { access } = await tokenPair(url, account)
    const { body } = await call(`${url}/api/users/me/api-tokens`, {
      auth: `Bearer ${access}`,
      body: { name: 'script' },
    })
    return `Bearer ${body.token}`
  }

  const lockOut = async (account: Account) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await call(`${url}/api/users/login`, {
        body: { username: account.username, password: 'Wrong-password-1' },
      })
    }
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '100000', RATE_LIMIT_API: '100000', MAX_LOGIN_ATTEMPTS: '3' },
    })
    url = server.url
    admin = await registerFirstAdmin(url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('lets no one but an admin unlock an account, through REST or GraphQL aliases', async () => {
    const victim = await activeUser(url)
    const attacker = await activeUser(url)
    const attackerJwt = `JWT ${(await tokenPair(url, attacker)).access}`
    await lockOut(victim)
    const rest = await call(`${url}/api/users/unlock`, {
      auth: attackerJwt,
      body: { email: victim.email },
    })
    expect(rest.status).toBe(403)
    const aliases = Array.from(
      { length: 3 },
      (_, index) =>
        `u${index}: unlockUser(email: "${victim.email}", username: "${victim.username}")`,
    )
    const viaGraphql = await graphql(attackerJwt, `mutation { ${aliases.join(' ')} }`)
    expect(viaGraphql.body.errors?.[0]?.message).toMatch(/not allowed/)
    const stillLocked = await call(`${url}/api/users/login`, {
      body: { username: victim.username, password: victim.password },
    })
    expect(stillLocked.status).toBe(401)

    const adminJwt = `JWT ${(await tokenPair(url, admin)).access}`
    const unlock = await call(`${url}/api/users/unlock`, {
      auth: adminJwt,
      body: { email: victim.email, username: victim.username },
    })
    expect(unlock.status).toBe(200)
    const signIn = await call(`${url}/api/users/login`, {
      body: { username: victim.username, password: victim.password },
    })
    expect(signIn.status).toBe(200)
  })

  it('refuses credential changes and sign-outs made with an API token', async () => {
    const owner = await activeUser(url)
    const apiToken = await apiTokenOf(owner)
    const session = await tokenPair(url, owner)
    for (const body of [
      { password: 'Taken-Over-123', currentPassword: owner.password },
      { email: `thief-${unique('x')}@example.com`, currentPassword: owner.password },
    ]) {
      const patch = await call(`${url}/api/users/${owner.id}`, {
        method: 'PATCH',
        auth: apiToken,
        body,
      })
      expect(patch.status).toBe(403)
      expect(patch.body.errors[0].message).toMatch(/API tokens cannot change/)
    }
    const viaGraphql = await graphql(
      apiToken,
      `mutation { updateUser(id: ${owner.id}, data: { password: "Taken-Over-123", currentPassword: "${owner.password}" }) { id } }`,
    )
    expect(viaGraphql.body.errors?.[0]?.message).toMatch(/API tokens cannot change/)
    const logout = await call(`${url}/api/users/logout?allSessions=true`, {
      auth: apiToken,
      body: {},
    })
    expect(logout.status).toBe(403)
    const graphqlLogout = await graphql(apiToken, 'mutation { logoutUser }')
    expect(graphqlLogout.body.errors?.[0]?.message).toMatch(/API tokens cannot sign out/)
    // Nothing changed: the old password signs in, the session still works.
    expect(await me(url, `Bearer ${session.access}`)).toMatchObject({ id: owner.id })
    expect((await tokenPair(url, owner)).user).toMatchObject({ email: owner.email })
  })

  it('asks a session for the current password before changing the password', async () => {
    const owner = await activeUser(url)
    const auth = `Bearer ${(await tokenPair(url, owner)).access}`
    const without = await call(`${url}/api/users/${owner.id}`, {
      method: 'PATCH',
      auth,
      body: { password: 'Another-Horse-42' },
    })
    expect(without.status).toBe(403)
    expect(without.body.errors[0].message).toMatch(/current password/)
    const viaGraphql = await graphql(
      auth,
      `mutation { updateUser(id: ${owner.id}, data: { password: "Another-Horse-42", currentPassword: "${owner.password}" }) { id } }`,
    )
    expect(viaGraphql.body).toEqual({ data: { updateUser: { id: owner.id } } })
    const signIn = await call(`${url}/api/token`, {
      body: { username: owner.username, password: 'Another-Horse-42' },
    })
    expect(signIn.status).toBe(200)
  })

  it('keeps /api/token access tokens short-lived: Payload’s refresh-token refuses them', async () => {
    const owner = await activeUser(url)
    const pair = await tokenPair(url, owner)
    const rest = await call(`${url}/api/users/refresh-token`, {
      auth: `Bearer ${pair.access}`,
      body: {},
    })
    expect(rest.status).toBe(403)
    expect(rest.body.errors[0].message).toMatch(/api\/token\/refresh/)
    const viaGraphql = await graphql(
      `Bearer ${pair.access}`,
      'mutation { refreshTokenUser { refreshedToken exp } }',
    )
    expect(viaGraphql.body.errors?.[0]?.message).toMatch(/api\/token\/refresh/)
    // A rotated pair's access token is refused too; session logins still refresh.
    const rotated = await call(`${url}/api/token/refresh`, { body: { refresh: pair.refresh } })
    const again = await call(`${url}/api/users/refresh-token`, {
      auth: `Bearer ${rotated.body.access}`,
      body: {},
    })
    expect(again.status).toBe(403)
    const login = await call(`${url}/api/users/login`, {
      body: { username: owner.username, password: owner.password },
    })
    const refreshed = await call(`${url}/api/users/refresh-token`, {
      auth: `JWT ${login.body.token}`,
      body: {},
    })
    expect(refreshed.status).toBe(200)
  })

  it('answers wrong passwords, unknown and locked accounts with one message on every sign-in route', async () => {
    const account = await activeUser(url)
    const attempt = async (login: Record<string, string>) => {
      const rest = await call(`${url}/api/users/login`, { body: login })
      const pair = await call(`${url}/api/token`, { body: login })
      const viaGraphql = await graphql(
        undefined,
        `mutation { loginUser(email: "${login.email ?? ''}", username: "${login.username ?? ''}", password: "${login.password}") { token } }`,
      )
      expect(rest.status).toBe(401)
      expect(pair.status).toBe(401)
      return [
        rest.body.errors[0].message,
        pair.body.errors[0].message,
        viaGraphql.body.errors[0].message,
      ]
    }
    const messages = [
      ...(await attempt({ username: account.username, password: 'Wrong-password-1' })),
      ...(await attempt({ email: account.email, password: 'Wrong-password-1' })),
      ...(await attempt({ username: unique('ghost'), password: 'Wrong-password-1' })),
      ...(await attempt({ email: `${unique('ghost')}@example.com`, password: 'Wrong-1x' })),
    ]
    await lockOut(account)
    messages.push(...(await attempt({ username: account.username, password: account.password })))
    expect(new Set(messages).size).toBe(1)
    expect(messages[0]).toMatch(/incorrect, or the account is temporarily locked/)
  })

  describe('email changes confirmed by the new address', () => {
    const signIn = async (email: string, password: string) =>
      (await call(`${url}/api/users/login`, { body: { email, password } })).status
    const confirm = (token: string) => call(`${url}/api/users/confirm-email`, { body: { token } })
    const requestChange = async (owner: Account, email: string) => {
      const auth = `Bearer ${(await tokenPair(url, owner)).access}`
      return call(`${url}/api/users/${owner.id}`, {
        method: 'PATCH',
        auth,
        body: { email, currentPassword: owner.password },
      })
    }
    const linkTokenFor = async (email: string) =>
      emailChangeTokenIn((await waitForEmails(email))[0])

    it('keeps a session’s own email change pending until the emailed link confirms it (REST)', async () => {
      const owner = await activeUser(url)
      const next = `${unique('moved')}@example.com`
      const patch = await requestChange(owner, next)
      expect(patch.status).toBe(200)
      expect(patch.body.doc).toMatchObject({ email: owner.email, pendingEmail: next })
      expect(await signIn(next, owner.password)).toBe(401)
      expect(await signIn(owner.email, owner.password)).toBe(200)
      const token = await linkTokenFor(next)
      // The current address is told (after its activation email).
      const [, notice] = await waitForEmails(owner.email, 2)
      expect(notice.html).toContain(next)

      const confirmed = await confirm(token)
      expect(confirmed).toMatchObject({ status: 200, body: { message: 'Email address changed.' } })
      expect(await signIn(next, owner.password)).toBe(200)
      expect(await signIn(owner.email, owner.password)).toBe(401)
      const again = await confirm(token)
      expect(again.status).toBe(400)
      expect(again.body.errors[0].message).toMatch(/invalid or has already been used/)
      const viaLink = await fetch(`${url}/api/users/confirm-email/${token}`)
      expect(viaLink.status).toBe(400)
    })

    it('keeps a GraphQL updateUser email change pending; the link in the email applies it', async () => {
      const owner = await activeUser(url)
      const auth = `Bearer ${(await tokenPair(url, owner)).access}`
      const next = `${unique('gql')}@example.com`
      const viaGraphql = await graphql(
        auth,
        `mutation { a: updateUser(id: ${owner.id}, data: { email: "${next}", currentPassword: "${owner.password}" }) { email pendingEmail } }`,
      )
      expect(viaGraphql.body).toEqual({ data: { a: { email: owner.email, pendingEmail: next } } })
      expect(await me(url, auth)).toMatchObject({ email: owner.email, pendingEmail: next })
      const page = await fetch(`${url}/api/users/confirm-email/${await linkTokenFor(next)}`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/text\/html/)
      expect(await me(url, auth)).toMatchObject({ email: next, pendingEmail: null })
    })

    it('applies exactly one of parallel confirmations with one token', async () => {
      const owner = await activeUser(url)
      const next = `${unique('race')}@example.com`
      await requestChange(owner, next)
      const token = await linkTokenFor(next)
      const answers = await Promise.all(Array.from({ length: 6 }, () => confirm(token)))
      const statuses = answers.map(({ status }) => status).sort()
      expect(statuses).toEqual([200, 400, 400, 400, 400, 400])
      expect(await signIn(next, owner.password)).toBe(200)
    })

    it('answers a change to a taken address like a free one; only confirmation could fail (409)', async () => {
      const owner = await activeUser(url)
      const other = await activeUser(url)
      const taken = await requestChange(owner, other.email)
      const free = await requestChange(owner, `${unique('free')}@example.com`)
      expect(taken.status).toBe(free.status)
      expect(Object.keys(taken.body).sort()).toEqual(Object.keys(free.body).sort())
      expect(taken.body.message).toBe(free.body.message)
      // The taken address's owner is told, and gets no link.
      const [, toOther] = await waitForEmails(other.email, 2)
      expect(toOther.html).not.toMatch(/confirm-email/)

      const contested = `${unique('contested')}@example.com`
      await requestChange(owner, contested)
      const token = await linkTokenFor(contested)
      const adminJwt = `JWT ${(await tokenPair(url, admin)).access}`
      const moved = await call(`${url}/api/users/${other.id}`, {
        method: 'PATCH',
        auth: adminJwt,
        body: { email: contested },
      })
      expect(moved.body.doc).toMatchObject({ email: contested })
      const refused = await confirm(token)
      expect(refused.status).toBe(409)
      expect(refused.body.errors[0].message).toMatch(/belongs to another account/)
      expect(await signIn(owner.email, owner.password)).toBe(200)
      const toContested = await settledEmailsTo(contested, server.databaseUrl)
      expect(toContested.filter((email) => /confirm-email/.test(email.html))).toHaveLength(1)
    })
  })
})
