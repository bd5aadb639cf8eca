import { configToSchema } from '@payloadcms/graphql'
import { graphql } from 'graphql'
import { createLocalReq, createPayloadRequest, type Payload, type Where } from 'payload'

import type { User } from '@/payload-types'
import { activateAccount } from '../../src/lib/auth/activation'
import { as, createUser, PASSWORD, unique } from '../helpers/fixtures'
import { activationTokenIn, emailChangeTokenIn, waitForEmails } from '../helpers/outbox'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
let admin: User
let staff: User
let customer: User

const storedRoles = async (id: number) =>
  (await payload.findByID({ collection: 'users', id, depth: 0 })).roles

const signUp = (data: Partial<User>) => {
  const suffix = unique()
  return payload.create({
    collection: 'users',
    data: {
      username: `new_${suffix}`,
      email: `new-${suffix}@example.com`,
      password: PASSWORD,
      ...data,
    } as User,
    overrideAccess: false,
  })
}

/**
 * A JSON `POST /api/users<path>` request for the users endpoint Payload's router would pick (the
 * first one with this method and path), to call its handler directly.
 */
const postToUsers = async (path: string, body: unknown) => {
  const endpoint = (payload.collections.users.config.endpoints || []).find(
    (candidate) => candidate.method === 'post' && candidate.path === path,
  )
  if (!endpoint) throw new Error(`no POST /api/users${path} endpoint`)
  const req = await createPayloadRequest({
    config: payload.config,
    request: new Request(`http://localhost/api/users${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  })
  // createPayloadRequest looks up the default instance: use this file's.
  req.payload = payload
  req.routeParams = { collection: 'users' }
  return { endpoint, req }
}

const validationPaths = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; data?: { errors?: Array<{ path: string }> } } | undefined
  return { status: error?.status, paths: error?.data?.errors?.map((entry) => entry.path) ?? [] }
}

beforeAll(async () => {
  payload = await initPayload()
  admin = await createUser(payload, ['admin'])
  staff = await createUser(payload, ['staff'])
  customer = await createUser(payload, ['customer'])
})

afterAll(async () => {
  await closePayload(payload)
})

describe('roles', () => {
  it('signs up as customer by default', async () => {
    const user = await signUp({})
    expect(await storedRoles(user.id)).toEqual(['customer'])
  })

  it('lets sign-up choose vendor', async () => {
    const user = await signUp({ roles: ['vendor'] })
    expect(await storedRoles(user.id)).toEqual(['vendor'])
  })

  it.each([[['admin']], [['staff']], [['vendor', 'admin']]])(
    'never grants %j at sign-up',
    async (roles) => {
      const user = await signUp({ roles: roles as User['roles'] })
      expect(await storedRoles(user.id)).toEqual(['customer'])
    },
  )

  it('ignores roles a non-admin sends for themself or as staff', async () => {
    const target = await createUser(payload, ['customer'])
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { roles: ['admin'], name: 'Renamed' },
      ...as(target),
    })
    const saved = await payload.findByID({ collection: 'users', id: target.id })
    expect(saved.roles).toEqual(['customer'])
    expect(saved.name).toBe('Renamed')
    await payload.update({
      collection: 'users',
      id: staff.id,
      data: { roles: ['admin'] },
      ...as(staff),
    })
    expect(await storedRoles(staff.id)).toEqual(['staff'])
  })

  it('keeps roles even when trusted server code acts for a non-admin user', async () => {
    const target = await createUser(payload, ['vendor'])
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { roles: ['admin'] },
      user: target,
    })
    expect(await storedRoles(target.id)).toEqual(['vendor'])
  })

  it('lets admins grant and remove roles', async () => {
    const target = await createUser(payload, ['customer'])
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { roles: ['staff', 'vendor'] },
      ...as(admin),
    })
    expect(await storedRoles(target.id)).toEqual(['staff', 'vendor'])
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { roles: ['customer'] },
      ...as(admin),
    })
    expect(await storedRoles(target.id)).toEqual(['customer'])
  })

  it('lets admins create staff accounts, not staff themselves', async () => {
    const suffix = unique()
    const byAdmin = await payload.create({
      collection: 'users',
      data: {
        username: `s_${suffix}`,
        email: `s-${suffix}@example.com`,
        password: PASSWORD,
        roles: ['staff'],
      },
      ...as(admin),
    })
    expect(await storedRoles(byAdmin.id)).toEqual(['staff'])
    const other = unique()
    const byStaff = await payload.create({
      collection: 'users',
      data: {
        username: `s_${other}`,
        email: `s-${other}@example.com`,
        password: PASSWORD,
        roles: ['admin'],
      },
      ...as(staff),
    })
    expect(await storedRoles(byStaff.id)).toEqual(['customer'])
  })

  it('does not let an admin acting through an API token change roles', async () => {
    const target = await createUser(payload, ['customer'])
    await payload
      .update({
        collection: 'users',
        id: target.id,
        data: { roles: ['admin'] },
        user: { ...admin, collection: 'users', _strategy: 'api-key' },
        overrideAccess: false,
      })
      .catch(() => undefined)
    expect(await storedRoles(target.id)).toEqual(['customer'])
  })
})

describe('usernames and emails', () => {
  it.each(['ab', 'x'.repeat(31), 'has space', 'émile', 'semi;colon'])(
    'refuses the username %j with a 400 naming the field',
    async (username) => {
      expect(await validationPaths(signUp({ username }))).toEqual({
        status: 400,
        paths: ['username'],
      })
    },
  )

  it('accepts letters, digits, dots, underscores and hyphens, stored in lower case', async () => {
    // Payload's username login lowercases usernames, so uniqueness ignores case by construction.
    const username = `A.b_c-${unique()}`
    expect((await signUp({ username })).username).toBe(username.toLowerCase())
  })

  it('keeps usernames unique ignoring case (400 naming the field, not a 500)', async () => {
    const username = `Case_${unique()}`
    await signUp({ username })
    expect(await validationPaths(signUp({ username: username.toUpperCase() }))).toEqual({
      status: 400,
      paths: ['username'],
    })
  })

  it('keeps emails unique ignoring case (sign-up stores no second account; admins get 400)', async () => {
    const email = `dup-${unique()}@example.com`
    await signUp({ email })
    await signUp({ email: email.toUpperCase() })
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { email: { equals: email } },
    })
    expect(totalDocs).toBe(1)
    expect(
      await validationPaths(
        payload.create({
          collection: 'users',
          data: {
            username: `dup_${unique()}`,
            email: email.toUpperCase(),
            password: PASSWORD,
          } as User,
          ...as(admin),
        }),
      ),
    ).toEqual({ status: 400, paths: ['email'] })
  })
})

describe('reading users', () => {
  it('shows a non-staff user only themself, even when searching', async () => {
    const { docs } = await payload.find({
      collection: 'users',
      where: { username: { like: 'staff_' } },
      ...as(customer),
    })
    expect(docs).toEqual([])
    const self = await payload.find({ collection: 'users', ...as(customer) })
    expect(self.docs.map((doc) => doc.id)).toEqual([customer.id])
  })

  it('lets admins and staff list and search users by partial username or email', async () => {
    const suffix = unique()
    const target = await createUser(payload, ['vendor'], { username: `findme_${suffix}` })
    for (const reader of [admin, staff]) {
      const byUsername = await payload.find({
        collection: 'users',
        where: { username: { like: `dme_${suffix}` } },
        ...as(reader),
      })
      expect(byUsername.docs.map((doc) => doc.id)).toEqual([target.id])
      const byEmail = await payload.find({
        collection: 'users',
        where: { email: { like: target.email.slice(3, 14) } },
        ...as(reader),
      })
      expect(byEmail.docs.map((doc) => doc.id)).toContain(target.id)
    }
  })

  it('refuses anonymous reads', async () => {
    const { docs } = await payload
      .find({ collection: 'users', overrideAccess: false })
      .catch(() => ({ docs: [] }))
    expect(docs).toEqual([])
  })

  it('shows email and roles to the user and to admins/staff, never hashes or login state', async () => {
    const self = await payload.findByID({ collection: 'users', id: customer.id, ...as(customer) })
    expect(self).toMatchObject({ email: customer.email, roles: ['customer'] })
    const byStaff = await payload.findByID({ collection: 'users', id: customer.id, ...as(staff) })
    expect(byStaff).toMatchObject({ email: customer.email, roles: ['customer'] })
    for (const doc of [self, byStaff]) {
      for (const secret of ['hash', 'salt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']) {
        expect(doc).not.toHaveProperty(secret)
      }
    }
  })

  it.each(['email', 'roles'])(
    'guards %s with field-level read access: the user and admins/staff only',
    async (fieldName) => {
      const field = payload.collections.users.config.fields.find(
        (candidate) => 'name' in candidate && candidate.name === fieldName,
      )
      const read = field && 'access' in field ? field.access?.read : undefined
      expect(read).toBeDefined()
      const other = await createUser(payload, ['vendor'])
      const check = (user: User | null, doc: User) =>
        read!({
          req: { user: user ? { ...user, collection: 'users' } : null },
          doc,
          id: doc.id,
        } as Parameters<NonNullable<typeof read>>[0])
      expect(await check(customer, other)).toBe(false)
      expect(await check(null, other)).toBe(false)
      expect(await check(other, other)).toBe(true)
      expect(await check(staff, other)).toBe(true)
      expect(await check(admin, other)).toBe(true)
    },
  )
})

describe('updating and deleting users', () => {
  it('lets a user update themself but not others; admins update anyone, staff only themself', async () => {
    const target = await createUser(payload, ['customer'])
    await expect(
      payload.update({ collection: 'users', id: target.id, data: { name: 'X' }, ...as(customer) }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.update({ collection: 'users', id: target.id, data: { name: 'X' }, ...as(staff) }),
    ).rejects.toMatchObject({ status: 403 })
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { name: 'By admin' },
      ...as(admin),
    })
    expect((await payload.findByID({ collection: 'users', id: target.id })).name).toBe('By admin')
  })

  it('lets only admins delete users (staff cannot)', async () => {
    const target = await createUser(payload, ['customer'])
    await expect(
      payload.delete({ collection: 'users', id: target.id, ...as(staff) }),
    ).rejects.toMatchObject({
      status: 403,
    })
    await expect(
      payload.delete({ collection: 'users', id: target.id, ...as(target) }),
    ).rejects.toMatchObject({
      status: 403,
    })
    await payload.delete({ collection: 'users', id: target.id, ...as(admin) })
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { id: { equals: target.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('opens the admin panel to admins, staff and vendors, never to customers', async () => {
    const access = payload.collections.users.config.access.admin!
    const check = (user: User) =>
      access({ req: { user: { ...user, collection: 'users' } } } as Parameters<typeof access>[0])
    expect(await check(admin)).toBe(true)
    expect(await check(staff)).toBe(true)
    expect(await check(customer)).toBe(false)
    expect(await check(await createUser(payload, ['vendor']))).toBe(true)
  })
})

describe('sign-up with a taken email', () => {
  it('resolves like a fresh sign-up through the Local API as anonymous, storing nothing', async () => {
    const existing = await createUser(payload, ['customer'])
    const username = `taken_${unique()}`
    const fresh = await signUp({})
    const taken = await signUp({ username, email: existing.email })
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort())
    const stored = async (where: Where) =>
      (await payload.count({ collection: 'users', where })).totalDocs
    expect(await stored({ email: { equals: existing.email } })).toBe(1)
    expect(await stored({ username: { equals: username } })).toBe(0)
    expect(await stored({ id: { equals: taken.id } })).toBe(0)
  })
})

describe('credentials and account locks', () => {
  const viaApiToken = (user: User) => ({
    user: { ...user, collection: 'users', _strategy: 'api-token' },
    overrideAccess: false as const,
  })
  const storedCredentials = async (id: number) =>
    payload.db.findOne<User & { hash: string; resetPasswordToken?: string | null }>({
      collection: 'users',
      where: { id: { equals: id } },
    })

  it('lets only admins unlock accounts', async () => {
    const target = await createUser(payload, ['customer'])
    await payload.db.updateOne({
      collection: 'users',
      id: target.id,
      data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 600_000).toISOString() },
    })
    for (const actor of [customer, staff, target]) {
      await expect(
        payload.unlock({ collection: 'users', data: { email: target.email }, ...as(actor) }),
      ).rejects.toMatchObject({ status: 403 })
    }
    expect((await storedCredentials(target.id))?.loginAttempts).toBe(5)
    await payload.unlock({ collection: 'users', data: { email: target.email }, ...as(admin) })
    expect((await storedCredentials(target.id))?.loginAttempts).toBe(0)
  })

  it('never lets an API token change its owner’s password or email', async () => {
    const target = await createUser(payload, ['customer'])
    const before = await storedCredentials(target.id)
    for (const data of [
      { password: 'Taken-Over-123', currentPassword: PASSWORD },
      { email: `taken-${unique()}@example.com`, currentPassword: PASSWORD },
    ]) {
      await expect(
        payload.update({ collection: 'users', id: target.id, data, ...viaApiToken(target) }),
      ).rejects.toMatchObject({ status: 403 })
    }
    const after = await storedCredentials(target.id)
    expect(after).toMatchObject({ hash: before?.hash, email: target.email })
  })

  it('asks for the current password to change one’s own password or email', async () => {
    const target = await createUser(payload, ['customer'])
    const before = await storedCredentials(target.id)
    await expect(
      payload.update({
        collection: 'users',
        id: target.id,
        data: { password: 'Another-Horse-42' },
        ...as(target),
      }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/current password/) })
    await expect(
      payload.update({
        collection: 'users',
        id: target.id,
        data: { email: `new-${unique()}@example.com`, currentPassword: 'Wrong-Horse-42' },
        ...as(target),
      }),
    ).rejects.toMatchObject({ status: 403, message: 'The current password is incorrect.' })
    expect((await storedCredentials(target.id))?.hash).toBe(before?.hash)
    // Other fields need no password; an unchanged email is no change.
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { name: 'Renamed', email: target.email },
      ...as(target),
    })
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { password: 'Another-Horse-42', currentPassword: PASSWORD },
      ...as(target),
    })
    expect((await storedCredentials(target.id))?.hash).not.toBe(before?.hash)
    // Admins set another user's password without it.
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { password: 'Admin-Chosen-42' },
      ...as(admin),
    })
    await expect(
      payload.login({
        collection: 'users',
        data: { email: target.email, password: 'Admin-Chosen-42' },
      }),
    ).resolves.toMatchObject({ user: { id: target.id } })
  })

  it('voids a pending reset link when the password or email changes', async () => {
    for (const change of [
      { password: 'Another-Horse-42' },
      { email: `moved-${unique()}@example.com` },
    ]) {
      const target = await createUser(payload, ['customer'])
      const token = await payload.forgotPassword({
        collection: 'users',
        data: { email: target.email },
        disableEmail: true,
      })
      expect((await storedCredentials(target.id))?.resetPasswordToken).toBe(token)
      await payload.update({ collection: 'users', id: target.id, data: change, ...as(admin) })
      expect((await storedCredentials(target.id))?.resetPasswordToken ?? null).toBeNull()
      await expect(
        payload.resetPassword({
          collection: 'users',
          data: { token, password: 'Reset-Horse-42' },
          overrideAccess: true,
        }),
      ).rejects.toMatchObject({ status: 403 })
    }
  })

  /** A request as Payload's router builds it, on this file's instance. */
  const payloadRequest = async (path: string, body: unknown) => {
    const req = await createPayloadRequest({
      config: payload.config,
      request: new Request(`http://localhost${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    })
    // createPayloadRequest looks up the default instance: use this file's.
    req.payload = payload
    return req
  }

  /** What `answer` resolves with, and the database and email work done before it resolved. */
  const accountWorkDuring = async <T>(answer: () => Promise<T>) => {
    const work: string[] = []
    const watched = ['findOne', 'updateOne', 'find'] as const
    const originals = watched.map((name) => payload.db[name])
    watched.forEach((name, index) => {
      const original = originals[index] as (...args: unknown[]) => unknown
      ;(payload.db as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        work.push(name)
        return original.apply(payload.db, args)
      }
    })
    const sendEmail = payload.sendEmail
    payload.sendEmail = (...args) => {
      work.push('sendEmail')
      return sendEmail.apply(payload, args)
    }
    try {
      const result = await answer()
      return { result, work: [...work] }
    } finally {
      watched.forEach((name, index) => {
        ;(payload.db as unknown as Record<string, unknown>)[name] = originals[index]
      })
      payload.sendEmail = sendEmail
    }
  }

  /** The reset token stored for `id`, once the work after the answer has stored it. */
  const resetTokenStored = async (id: number) => {
    let token: string | null | undefined
    for (let attempt = 0; attempt < 100 && !token; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      token = (await storedCredentials(id))?.resetPasswordToken
    }
    return token
  }

  it('answers forgot-password before any account work, for known and unknown emails alike', async () => {
    const target = await createUser(payload, ['customer'])
    const forgot = async (email: string) => {
      const { endpoint, req } = await postToUsers('/forgot-password', { email })
      const { result: response, work } = await accountWorkDuring(async () => endpoint.handler(req))
      return { status: response.status, body: await response.json(), work }
    }
    const known = await forgot(target.email)
    const unknown = await forgot(`ghost-${unique()}@example.com`)
    expect(known).toEqual(unknown)
    expect(known).toMatchObject({ status: 200, work: [] })
    // The link is still issued, after the answer.
    expect(await resetTokenStored(target.id)).toEqual(expect.any(String))
  })

  it('answers GraphQL forgotPasswordUser (aliases too) before any account work, for known and unknown emails alike', async () => {
    const target = await createUser(payload, ['customer'])
    const { schema } = configToSchema(payload.config)
    const forgot = async (email: string) => {
      const req = await payloadRequest('/api/graphql', {})
      return accountWorkDuring(() =>
        graphql({
          schema,
          // Both arguments are required by the schema (loginWithUsername requires both fields).
          source: `mutation ($email: String!) {
            a: forgotPasswordUser(email: $email, username: "")
            b: forgotPasswordUser(email: $email, username: "")
          }`,
          variableValues: { email },
          // What Payload's GraphQL handler passes its resolvers.
          contextValue: { req, headers: {} },
        }),
      )
    }
    const known = await forgot(target.email)
    const unknown = await forgot(`ghost-${unique()}@example.com`)
    expect(known).toEqual(unknown)
    expect(known).toEqual({ result: { data: { a: true, b: true } }, work: [] })
    expect(await resetTokenStored(target.id)).toEqual(expect.any(String))
  })

  it('refuses a GraphQL forgotPasswordUser without email or username, or with a NUL, before any work', async () => {
    const { schema } = configToSchema(payload.config)
    const forgot = async (args: string) => {
      const req = await payloadRequest('/api/graphql', {})
      const { result, work } = await accountWorkDuring(() =>
        graphql({
          schema,
          source: `mutation { forgotPasswordUser${args} }`,
          contextValue: { req, headers: {} },
        }),
      )
      const error = result.errors?.[0]
      return {
        message: error?.message,
        status: (error?.originalError as { status?: number } | undefined)?.status,
        work,
      }
    }
    expect(await forgot('(email: "  ", username: "")')).toEqual({
      message: 'Missing username.',
      status: 400,
      work: [],
    })
    expect(await forgot('(email: "a\\u0000@example.com", username: "")')).toMatchObject({
      status: 400,
      work: [],
    })
  })

  it('spends a password check on sign-ins for unknown accounts, as for wrong passwords', async () => {
    const target = await createUser(payload, ['customer'])
    const cpuMsOf = async (login: string) => {
      const start = process.cpuUsage()
      await payload
        .login({ collection: 'users', data: { username: login, password: 'Wrong-Horse-42' } })
        .catch(() => undefined)
      const used = process.cpuUsage(start)
      return (used.user + used.system) / 1000
    }
    const wrongPassword = await cpuMsOf(target.username)
    const unknown = await cpuMsOf(`ghost_${unique()}`)
    // CPU time, not wall time: the hash dominates both and the machine's load does not count.
    expect(unknown).toBeGreaterThan(wrongPassword / 2)
  })
})

describe('email changes confirmed by the new address', () => {
  const stored = (id: number) =>
    payload.db.findOne<User & { pendingEmail?: string | null; resetPasswordToken?: string | null }>(
      {
        collection: 'users',
        where: { id: { equals: id } },
      },
    )
  /** `POST /api/users/confirm-email` through the collection's handler, on a request of its own. */
  const confirm = async (token: unknown) => {
    const { endpoint, req } = await postToUsers('/confirm-email', { token })
    const response = await endpoint.handler(req)
    return { status: response.status, body: await response.json() }
  }
  const requestChange = (user: User, email: string) =>
    payload.update({
      collection: 'users',
      id: user.id,
      data: { email, currentPassword: PASSWORD },
      ...as(user),
    })
  const canSignIn = (email: string) =>
    payload.login({ collection: 'users', data: { email, password: PASSWORD } }).then(
      () => true,
      () => false,
    )

  it('keeps one’s own new email pending until the new address confirms it', async () => {
    const target = await createUser(payload, ['customer'])
    const next = `moved-${unique()}@example.com`
    const answer = await requestChange(target, next.toUpperCase())
    expect(answer).toMatchObject({ email: target.email, pendingEmail: next })
    expect(await stored(target.id)).toMatchObject({ email: target.email, pendingEmail: next })
    expect(await canSignIn(next)).toBe(false)
    expect(await canSignIn(target.email)).toBe(true)
    const [link] = await waitForEmails(next)
    const [notice] = await waitForEmails(target.email)
    expect(notice.subject).toMatch(/email address/i)
    expect(notice.html).toContain(next)
    expect(notice.html).not.toMatch(/confirm-email\//)

    const token = emailChangeTokenIn(link)
    expect(await confirm(token)).toEqual({
      status: 200,
      body: { message: 'Email address changed.' },
    })
    expect(await stored(target.id)).toMatchObject({ email: next, pendingEmail: null })
    expect(await canSignIn(next)).toBe(true)
    expect(await canSignIn(target.email)).toBe(false)
    // Single use.
    await expect(confirm(token)).rejects.toMatchObject({ status: 400 })
  })

  it('refuses unknown and expired confirmation tokens with 400, changing nothing', async () => {
    const target = await createUser(payload, ['customer'])
    const next = `late-${unique()}@example.com`
    await requestChange(target, next)
    const token = emailChangeTokenIn((await waitForEmails(next))[0])
    for (const bad of ['x'.repeat(43), 'short', 42, undefined]) {
      await expect(confirm(bad)).rejects.toMatchObject({ status: 400 })
    }
    await payload.db.updateMany({
      collection: 'activation-tokens',
      where: { user: { equals: target.id } },
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() },
    })
    await expect(confirm(token)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/expired/),
    })
    expect(await stored(target.id)).toMatchObject({ email: target.email, pendingEmail: next })
  })

  it('never lets an email-change token activate an account, nor an activation token change email', async () => {
    const target = await createUser(payload, ['customer'])
    const next = `cross-${unique()}@example.com`
    await requestChange(target, next)
    const token = emailChangeTokenIn((await waitForEmails(next))[0])
    const req = await createLocalReq({}, payload)
    await expect(activateAccount(req, token)).rejects.toMatchObject({ status: 400 })
    const confirmed = await confirm(token)
    expect(confirmed.status).toBe(200)
    const pendingSignUp = await signUp({})
    const stranger = (await stored(pendingSignUp.id))!
    const activation = activationTokenIn((await waitForEmails(stranger.email))[0])
    await expect(confirm(activation)).rejects.toMatchObject({ status: 400 })
    await expect(activateAccount(req, activation)).resolves.toBeUndefined()
  })

  it('applies exactly one of parallel confirmations with one token', async () => {
    const target = await createUser(payload, ['customer'])
    const next = `race-${unique()}@example.com`
    await requestChange(target, next)
    const token = emailChangeTokenIn((await waitForEmails(next))[0])
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        confirm(token).then(
          ({ status }) => status,
          (error: { status?: number }) => error.status,
        ),
      ),
    )
    expect(outcomes.filter((status) => status === 200)).toHaveLength(1)
    expect(outcomes.filter((status) => status === 400)).toHaveLength(4)
    expect(await stored(target.id)).toMatchObject({ email: next, pendingEmail: null })
  })

  it('answers a change to a taken address like any other, and tells that address’s owner instead', async () => {
    const target = await createUser(payload, ['customer'])
    const owner = await createUser(payload, ['vendor'])
    const answer = await requestChange(target, owner.email)
    expect(answer).toMatchObject({ email: target.email, pendingEmail: owner.email })
    const [toOwner] = await waitForEmails(owner.email)
    expect(toOwner.html).not.toMatch(/confirm-email\//)
    expect(toOwner.subject).toMatch(/already/i)
    expect(await stored(owner.id)).toMatchObject({ email: owner.email })
    expect(await stored(target.id)).toMatchObject({ email: target.email })
  })

  it('refuses a confirmation with 409 when the address was taken meanwhile, changing nothing', async () => {
    const target = await createUser(payload, ['customer'])
    const next = `contested-${unique()}@example.com`
    await requestChange(target, next)
    const token = emailChangeTokenIn((await waitForEmails(next))[0])
    const taker = await createUser(payload, ['customer'], { email: next })
    await expect(confirm(token)).rejects.toMatchObject({ status: 409 })
    expect(await stored(target.id)).toMatchObject({ email: target.email, pendingEmail: next })
    expect(await stored(taker.id)).toMatchObject({ email: next })
    const { totalDocs } = await payload.count({
      collection: 'activation-tokens',
      where: { user: { equals: target.id } },
    })
    expect(totalDocs).toBe(1)
  })

  it('replaces an earlier pending change: only the newest link works', async () => {
    const target = await createUser(payload, ['customer'])
    const first = `first-${unique()}@example.com`
    const second = `second-${unique()}@example.com`
    // The link is issued when its email job runs: the first one exists before the second request.
    await requestChange(target, first)
    const firstToken = emailChangeTokenIn((await waitForEmails(first))[0])
    await requestChange(target, second)
    const secondToken = emailChangeTokenIn((await waitForEmails(second))[0])
    await expect(confirm(firstToken)).rejects.toMatchObject({ status: 400 })
    expect((await confirm(secondToken)).status).toBe(200)
    expect(await stored(target.id)).toMatchObject({ email: second, pendingEmail: null })
  })

  it('voids a reset link when the change is confirmed, not when it is asked for', async () => {
    const target = await createUser(payload, ['customer'])
    const resetToken = await payload.forgotPassword({
      collection: 'users',
      data: { email: target.email },
      disableEmail: true,
    })
    const next = `reset-${unique()}@example.com`
    await requestChange(target, next)
    expect((await stored(target.id))?.resetPasswordToken).toBe(resetToken)
    await confirm(emailChangeTokenIn((await waitForEmails(next))[0]))
    expect((await stored(target.id))?.resetPasswordToken ?? null).toBeNull()
  })

  it('withdraws a pending change when the password changes or is reset, or an admin sets the email', async () => {
    const withdrawals: Array<(target: User) => Promise<unknown>> = [
      (target) =>
        payload.update({
          collection: 'users',
          id: target.id,
          data: { password: 'Another-Horse-42', currentPassword: PASSWORD },
          ...as(target),
        }),
      (target) =>
        payload.update({
          collection: 'users',
          id: target.id,
          data: { email: `support-${unique()}@example.com` },
          ...as(admin),
        }),
      async (target) => {
        const token = await payload.forgotPassword({
          collection: 'users',
          data: { email: target.email },
          disableEmail: true,
        })
        await payload.resetPassword({
          collection: 'users',
          data: { token, password: 'Reset-Horse-42' },
          overrideAccess: true,
        })
      },
    ]
    for (const withdraw of withdrawals) {
      const target = await createUser(payload, ['customer'])
      const next = `withdrawn-${unique()}@example.com`
      await requestChange(target, next)
      const token = emailChangeTokenIn((await waitForEmails(next))[0])
      await withdraw(target)
      expect((await stored(target.id))?.pendingEmail ?? null).toBeNull()
      await expect(confirm(token)).rejects.toMatchObject({ status: 400 })
      expect((await stored(target.id))?.email).not.toBe(next)
    }
  })

  it('lets no client write pendingEmail; only the user and admins read it', async () => {
    const target = await createUser(payload, ['customer'])
    const planted = `planted-${unique()}@example.com`
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { pendingEmail: planted } as Partial<User>,
      ...as(target),
    })
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { pendingEmail: planted } as Partial<User>,
      ...as(admin),
    })
    expect((await stored(target.id))?.pendingEmail ?? null).toBeNull()
    const next = `seen-${unique()}@example.com`
    await requestChange(target, next)
    const read = async (reader: User) =>
      (await payload.findByID({ collection: 'users', id: target.id, ...as(reader) })).pendingEmail
    expect(await read(target)).toBe(next)
    expect(await read(admin)).toBe(next)
    expect(await read(staff)).toBeUndefined()
  })

  it('changes another user’s email at once when an admin does it, and an admin’s own only when confirmed', async () => {
    const target = await createUser(payload, ['customer'])
    const byAdmin = `support-${unique()}@example.com`
    await payload.update({
      collection: 'users',
      id: target.id,
      data: { email: byAdmin },
      ...as(admin),
    })
    expect(await stored(target.id)).toMatchObject({ email: byAdmin })
    const self = await createUser(payload, ['admin'])
    const next = `admin-moved-${unique()}@example.com`
    await requestChange(self, next)
    expect(await stored(self.id)).toMatchObject({ email: self.email, pendingEmail: next })
  })

  it('leaves an invalid new address to the email validation (400 on email, nothing pending)', async () => {
    const target = await createUser(payload, ['customer'])
    await expect(requestChange(target, 'not an email')).rejects.toMatchObject({ status: 400 })
    expect((await stored(target.id))?.pendingEmail ?? null).toBeNull()
  })
})
