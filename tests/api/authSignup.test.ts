import {
  activeUser,
  call,
  PASSWORD,
  registerFirstAdmin,
  signUp,
  sleep,
  tokenPair,
  unique,
} from '../helpers/authClient'
import { activationTokenIn, resetTokenIn, settledEmailsTo, waitForEmails } from '../helpers/outbox'
import { startTestServer, type TestServer } from '../helpers/testServer'

describe('sign-up, activation and password reset', () => {
  let server: TestServer
  let url: string
  let adminJwt: string

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMIT_CREDENTIALS: '1000',
        RATE_LIMIT_API: '5000',
        ACTIVATION_RESEND_COOLDOWN: '2',
      },
    })
    url = server.url
    const admin = await registerFirstAdmin(url)
    adminJwt = (await tokenPair(url, admin)).access
    // The first user is active at once and got no activation email.
    expect(await settledEmailsTo(admin.email, server.databaseUrl)).toEqual([])
  })

  afterAll(async () => {
    await server?.stop()
  })

  const signUpBody = (overrides: Record<string, unknown> = {}) => {
    const username = unique('user')
    return { username, email: `${username}@example.com`, password: PASSWORD, ...overrides }
  }

  it.each([
    ['too short', 'Short-1', /at least 10 characters/],
    ['one character class', 'onlylowercaseletters', /two kinds of characters/],
    ['digits only', '12345678901234', /two kinds of characters/],
  ])(
    'refuses a password that is %s with 400 naming the field',
    async (_case, password, message) => {
      const { status, body } = await call(`${url}/api/users`, { body: signUpBody({ password }) })
      expect(status).toBe(400)
      expect(body.errors[0].message).toMatch(/password/)
      expect(body.errors[0].data.errors[0]).toMatchObject({
        path: 'password',
        message: expect.stringMatching(message),
      })
    },
  )

  it('refuses a password equal to the username or the email', async () => {
    const username = unique('Samename')
    const sameAsUsername = await call(`${url}/api/users`, {
      body: { username, email: `${username}@example.com`, password: `${username}` },
    })
    expect(sameAsUsername.status).toBe(400)
    expect(sameAsUsername.body.errors[0].data.errors[0].message).toMatch(/same as the username/)
    const email = `${unique('mail')}@Example.com`
    const sameAsEmail = await call(`${url}/api/users`, {
      body: { username: unique('user'), email, password: email },
    })
    expect(sameAsEmail.status).toBe(400)
    expect(sameAsEmail.body.errors[0].data.errors[0].message).toMatch(/same as the email/)
  })

  it('answers a sign-up with a taken email exactly like a fresh one, creates nothing and tells the owner', async () => {
    const existing = await signUp(url)
    const fresh = await call(`${url}/api/users`, { body: signUpBody() })
    const takenBody = signUpBody({ email: existing.email.toUpperCase() })
    const taken = await call(`${url}/api/users`, { body: takenBody })
    expect(taken.status).toBe(fresh.status)
    expect(taken.status).toBe(201)
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort())
    expect(Object.keys(taken.body.doc).sort()).toEqual(Object.keys(fresh.body.doc).sort())
    expect(taken.body.message).toBe(fresh.body.message)
    expect(taken.body.doc).toMatchObject({ username: takenBody.username, id: expect.any(Number) })
    expect(taken.body.doc.id).not.toBe(existing.id)
    expect(JSON.stringify(taken.body)).not.toMatch(/rehearsal|@/)

    // Nothing was stored: one account holds the email, none the new username, and it cannot sign in.
    const auth = `Bearer ${adminJwt}`
    const byEmail = await call(`${url}/api/users?where[email][equals]=${existing.email}`, { auth })
    expect(byEmail.body.docs.map((doc: { id: number }) => doc.id)).toEqual([existing.id])
    const byUsername = await call(
      `${url}/api/users?where[username][equals]=${takenBody.username}`,
      { auth },
    )
    expect(byUsername.body.totalDocs).toBe(0)
    const byId = await call(`${url}/api/users/${taken.body.doc.id}`, { auth })
    expect(byId.status).toBe(404)
    const signIn = await call(`${url}/api/token`, {
      body: { username: takenBody.username, password: PASSWORD },
    })
    expect(signIn.status).toBe(401)

    // The owner hears of it instead of getting a second activation link (jobs may send the two
    // in either order).
    const emails = await waitForEmails(existing.email, 2)
    expect(emails.map((email) => email.subject).sort()).toEqual([
      expect.stringMatching(/Activate/),
      expect.stringMatching(/tried to sign up/),
    ])
  })

  it('answers GraphQL createUser with a taken email like a fresh one, without storing it', async () => {
    const existing = await signUp(url)
    const mutation = (body: Record<string, unknown>) =>
      call(`${url}/api/graphql`, {
        body: {
          query: `mutation { createUser(data: { username: "${body.username}", email: "${body.email}", password: "${body.password}" }) { id username } }`,
        },
      })
    const fresh = await mutation(signUpBody())
    const takenBody = signUpBody({ email: existing.email })
    const taken = await mutation(takenBody)
    expect(taken.status).toBe(fresh.status)
    expect(taken.body.errors).toBeUndefined()
    expect(Object.keys(taken.body.data.createUser)).toEqual(Object.keys(fresh.body.data.createUser))
    const byUsername = await call(
      `${url}/api/users?where[username][equals]=${takenBody.username}`,
      { auth: `Bearer ${adminJwt}` },
    )
    expect(byUsername.body.totalDocs).toBe(0)
  })

  it('still names a taken username (usernames are public) and a taken email to an admin', async () => {
    const existing = await signUp(url)
    const sameUsername = await call(`${url}/api/users`, {
      body: signUpBody({ username: existing.username }),
    })
    expect([400, 409]).toContain(sameUsername.status)
    expect(sameUsername.body.errors[0].message).toMatch(/username/)
    const sameEmailByAdmin = await call(`${url}/api/users`, {
      auth: `Bearer ${adminJwt}`,
      body: signUpBody({ email: existing.email }),
    })
    expect(sameEmailByAdmin.status).toBe(400)
    expect(sameEmailByAdmin.body.errors[0].message).toMatch(/email/)
    expect(JSON.stringify(sameEmailByAdmin.body)).not.toContain(String(existing.id))
  })

  it('starts accounts unverified: no sign-in until activated (GET link), then the link is used up', async () => {
    const account = await signUp(url)
    const blocked = await call(`${url}/api/token`, {
      body: { username: account.username, password: PASSWORD },
    })
    expect(blocked.status).toBe(403)
    expect(blocked.body.errors[0].message).toMatch(/verify/i)

    const [email] = await waitForEmails(account.email)
    expect(email.subject).toMatch(/Activate/)
    const token = activationTokenIn(email)
    const page = await fetch(`${url}/api/users/activate/${token}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toMatch(/Account activated/)

    expect((await tokenPair(url, account)).user.id).toBe(account.id)

    const reused = await fetch(`${url}/api/users/activate/${token}`)
    expect(reused.status).toBe(400)
    expect(await reused.text()).toMatch(/invalid or has already been used/)
  })

  it('activates through the JSON form (POST /api/users/activate) and Payload’s verify route', async () => {
    const viaPost = await signUp(url)
    const [email] = await waitForEmails(viaPost.email)
    const activated = await call(`${url}/api/users/activate`, {
      body: { token: activationTokenIn(email) },
    })
    expect(activated.status).toBe(200)
    expect(activated.body.message).toBe('Account activated.')
    const reused = await call(`${url}/api/users/activate`, {
      body: { token: activationTokenIn(email) },
    })
    expect(reused.status).toBe(400)
    expect(reused.body.errors[0].message).toMatch(/already been used/)

    const viaVerify = await signUp(url)
    const [verifyEmail] = await waitForEmails(viaVerify.email)
    const verified = await call(`${url}/api/users/verify/${activationTokenIn(verifyEmail)}`, {
      body: {},
    })
    expect(verified.status).toBe(200)
    expect((await tokenPair(url, viaVerify)).user.id).toBe(viaVerify.id)

    const garbage = await call(`${url}/api/users/activate`, { body: { token: 'nope' } })
    expect(garbage.status).toBe(400)
  })

  it('re-sends activation links with a cooldown; a new link replaces the old one', async () => {
    const account = await signUp(url)
    const [first] = await waitForEmails(account.email, 1)
    // Inside the cooldown: same answer, no new email.
    const early = await call(`${url}/api/users/resend-activation`, {
      body: { email: account.email },
    })
    expect(early.status).toBe(200)
    expect(await settledEmailsTo(account.email, server.databaseUrl)).toHaveLength(1)

    await sleep(2000)
    const resend = await call(`${url}/api/users/resend-activation`, {
      body: { email: account.email },
    })
    expect(resend.body).toEqual(early.body)
    const emails = await waitForEmails(account.email, 2)
    const oldLink = await fetch(`${url}/api/users/activate/${activationTokenIn(first)}`)
    expect(oldLink.status).toBe(400)
    const newLink = await fetch(`${url}/api/users/activate/${activationTokenIn(emails[1])}`)
    expect(newLink.status).toBe(200)

    // Unknown and already-active accounts get the very same answer and no email.
    const unknown = await call(`${url}/api/users/resend-activation`, {
      body: { email: `${unique('ghost')}@example.com` },
    })
    expect(unknown).toMatchObject({ status: 200, body: early.body })
    const active = await call(`${url}/api/users/resend-activation`, {
      body: { email: account.email },
    })
    expect(active.body).toEqual(early.body)
    expect(await settledEmailsTo(account.email, server.databaseUrl)).toHaveLength(2)
  })

  it('activates users created by an admin at once, without an email', async () => {
    const body = signUpBody()
    const created = await call(`${url}/api/users`, { auth: `Bearer ${adminJwt}`, body })
    expect(created.status).toBe(201)
    const pair = await call(`${url}/api/token`, {
      body: { username: body.username, password: PASSWORD },
    })
    expect(pair.status).toBe(200)
    expect(await settledEmailsTo(body.email, server.databaseUrl)).toEqual([])
  })

  it('ignores `_verified` sent by anyone but an admin', async () => {
    const body = signUpBody({ _verified: true })
    const created = await call(`${url}/api/users`, { body })
    expect(created.status).toBe(201)
    const signIn = await call(`${url}/api/token`, {
      body: { username: body.username, password: PASSWORD },
    })
    expect(signIn.status).toBe(403)
  })

  it('resets a password through the emailed token; forgot-password never reveals accounts', async () => {
    const account = await activeUser(url)
    const forgot = await call(`${url}/api/users/forgot-password`, {
      body: { email: account.email },
    })
    const forgotUnknown = await call(`${url}/api/users/forgot-password`, {
      body: { email: `${unique('ghost')}@example.com` },
    })
    expect(forgot.status).toBe(200)
    expect(forgotUnknown.status).toBe(200)
    expect(forgotUnknown.body).toEqual(forgot.body)

    const resetEmails = (await waitForEmails(account.email, 2)).filter((email) =>
      /Reset/.test(email.subject),
    )
    expect(resetEmails).toHaveLength(1)
    const token = resetTokenIn(resetEmails[0])
    const session = await tokenPair(url, account)

    const weak = await call(`${url}/api/users/reset-password`, {
      body: { token, password: 'weakpassword' },
    })
    expect(weak.status).toBe(400)
    expect(weak.body.errors[0].data.errors[0]).toMatchObject({ path: 'password' })

    const newPassword = 'Brand-New-Horse-7'
    const reset = await call(`${url}/api/users/reset-password`, {
      body: { token, password: newPassword },
    })
    expect(reset.status).toBe(200)
    // Every earlier sign-in ends: its refresh token is revoked.
    const refresh = await call(`${url}/api/token/refresh`, { body: { refresh: session.refresh } })
    expect(refresh.status).toBe(401)
    const oldPassword = await call(`${url}/api/token`, {
      body: { username: account.username, password: PASSWORD },
    })
    expect(oldPassword.status).toBe(401)
    const signIn = await call(`${url}/api/token`, {
      body: { username: account.username, password: newPassword },
    })
    expect(signIn.status).toBe(200)
    const reused = await call(`${url}/api/users/reset-password`, {
      body: { token, password: 'Yet-Another-Horse-8' },
    })
    expect(reused.status).toBe(403)
  })

  it('emails a reset link for the admin UI form (multipart `_payload` with the username)', async () => {
    const account = await activeUser(url)
    // What the admin UI's forgot-password page posts (loginWithUsername: the username field).
    const form = new FormData()
    form.append('_payload', JSON.stringify({ username: account.username }))
    const response = await fetch(`${url}/api/users/forgot-password`, { method: 'POST', body: form })
    expect(response.status).toBe(200)
    const resetEmails = (await waitForEmails(account.email, 2)).filter((email) =>
      /Reset/.test(email.subject),
    )
    expect(resetEmails).toHaveLength(1)
  })

  const forgotPasswordUser = (variables: Record<string, unknown>, query?: string) =>
    call(`${url}/api/graphql`, {
      body: {
        query:
          query ??
          'mutation ($email: String!) { a: forgotPasswordUser(email: $email, username: "") b: forgotPasswordUser(email: $email, username: "") }',
        variables,
      },
    })

  it('answers GraphQL forgotPasswordUser (aliased twice) identically for real and unknown accounts, and emails the real one once', async () => {
    const account = await activeUser(url)
    const known = await forgotPasswordUser({ email: account.email })
    const unknown = await forgotPasswordUser({ email: `${unique('ghost')}@example.com` })
    expect(known).toMatchObject({ status: 200, body: { data: { a: true, b: true } } })
    expect(unknown.status).toBe(known.status)
    expect(unknown.body).toEqual(known.body)
    // The activation email, then one reset email: the second alias is throttled (15 s).
    const resetEmails = (await waitForEmails(account.email, 2)).filter((email) =>
      /Reset/.test(email.subject),
    )
    expect(resetEmails).toHaveLength(1)
    expect(resetTokenIn(resetEmails[0])).toMatch(/^[0-9a-f]{40}$/)
  })

  // Payload's GraphQL handler answers request errors with 200 and `errors`, running nothing.
  it.each([
    ['a number for email', { email: 5 }, undefined, /String cannot represent a non string value/],
    ['an object for email', { email: { equals: 'a@example.com' } }, undefined, /non string value/],
    ['a list for email', { email: ['a@example.com'] }, undefined, /non string value/],
    ['no email', {}, undefined, /"\$email" of required type "String!" was not provided/],
    [
      'a number literal',
      {},
      'mutation { forgotPasswordUser(email: 5, username: "") }',
      /Argument "email" has invalid value 5/,
    ],
    [
      'no arguments',
      {},
      'mutation { forgotPasswordUser }',
      /Argument "email" of required type "String!" was not provided/,
    ],
  ])(
    'answers GraphQL forgotPasswordUser with %s with a GraphQL error, not a 500',
    async (_what, variables, query, message) => {
      const response = await forgotPasswordUser(variables, query)
      expect(response.status).toBe(200)
      expect(response.body.errors[0].message).toMatch(message)
      expect(response.body).not.toHaveProperty('data')
    },
  )

  it.each([
    ['a blank email', { email: '  ' }, 'Missing username.'],
    [
      'a NUL in the email',
      { email: 'a\u0000@example.com' },
      'The following field is invalid: email',
    ],
  ])(
    'answers GraphQL forgotPasswordUser with %s with a GraphQL error of status 400',
    async (_what, variables, message) => {
      const response = await forgotPasswordUser(variables)
      expect(response.status).toBe(200)
      expect(response.body.data).toBeNull()
      // The first alias fails and, its field being non-null, ends the request: b never runs.
      expect(response.body.errors).toHaveLength(1)
      expect(response.body.errors[0]).toMatchObject({ message, extensions: { statusCode: 400 } })
    },
  )
})

describe('activation link expiry', () => {
  it('refuses an expired link with 410, and a re-sent link works', async () => {
    const server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '1000', ACTIVATION_TTL: '1', ACTIVATION_RESEND_COOLDOWN: '1' },
    })
    try {
      await registerFirstAdmin(server.url)
      const account = await signUp(server.url)
      const [email] = await waitForEmails(account.email)
      await sleep(1500)
      const expired = await fetch(`${server.url}/api/users/activate/${activationTokenIn(email)}`)
      expect(expired.status).toBe(410)
      expect(await expired.text()).toMatch(/expired/)
      const expiredPost = await call(`${server.url}/api/users/activate`, {
        body: { token: activationTokenIn(email) },
      })
      expect(expiredPost.status).toBe(410)

      await call(`${server.url}/api/users/resend-activation`, { body: { email: account.email } })
      const emails = await waitForEmails(account.email, 2)
      const fresh = await call(`${server.url}/api/users/activate`, {
        body: { token: activationTokenIn(emails[1]) },
      })
      expect(fresh.status).toBe(200)
    } finally {
      await server.stop()
    }
  })
})
