/**
 * The query and access surface over HTTP against the production build: hidden fields in `sort`,
 * bad queries and odd routes (4xx, never 500), the trash, document locks, PUT, and GraphQL
 * parity for each.
 */
import { api } from '../helpers/apiClient'
import { createAccount, registerFirstAdmin } from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field

/** What every caller, admin included, gets from the jobs collection and its stats global. */
const JOBS_REFUSED = {
  list: 403,
  read: 403,
  create: 403,
  update: 403,
  delete: 403,
  run: 403,
  schedules: 403,
  readStats: 403,
  writeStats: 403,
}

describe('query and access surface over HTTP', () => {
  let server: TestServer
  let adminToken: string
  let vendor: { id: number; token: string }
  let customer: { id: number; token: string }
  let counter = 0

  const call = async (
    path: string,
    options: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Json }> => {
    const { status, body } = await api(server.url, path, options)
    return { status, body: (body ?? {}) as Json }
  }

  const graphql = async (query: string, token?: string) =>
    call('/api/graphql', { method: 'POST', token, body: { query } })

  const login = async (email: string, password: string): Promise<string> => {
    const { status, body } = await call('/api/users/login', {
      method: 'POST',
      body: { email, password },
    })
    expect(status).toBe(200)
    return body.token
  }

  const createUser = (role: 'customer' | 'vendor') => createAccount(server.url, adminToken, [role])

  const createProduct = async (token: string) => {
    const id = ++counter
    const { status, body } = await call('/api/products', {
      method: 'POST',
      token,
      body: { brand: 'Surface', model: `Item ${id}`, price: 10, stock: 5 },
    })
    expect(status).toBe(201)
    return body.doc.id as number
  }

  beforeAll(async () => {
    server = await startTestServer()
    const admin = await registerFirstAdmin(server.url)
    adminToken = await login(admin.email, admin.password)
    vendor = await createUser('vendor')
    customer = await createUser('customer')
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('refuses sorting by hidden user fields through a relation, on REST and GraphQL', async () => {
    for (const path of [
      '/api/products?sort=owner.salt',
      '/api/products?sort=-owner.hash',
      '/api/products?sort=owner.resetPasswordToken',
      '/api/products?sort=owner.loginAttempts',
      '/api/reviews?sort=author.hash',
      '/api/media?sort=uploadedBy.salt',
    ]) {
      const { status, body } = await call(path)
      expect({ path, status }).toEqual({ path, status: 400 })
      expect(body.errors[0].message).toMatch(/cannot be used to sort/)
    }
    const { body } = await graphql('{ Products(sort: "owner.salt") { docs { id } } }')
    expect(body.data?.Products ?? null).toBeNull()
    expect(body.errors[0].message).toMatch(/cannot be used to sort/)
  })

  it.each([
    ['/api/products?where[brand][near]=1,2,3', 400],
    ['/api/products?where[brand][within]=x', 400],
    ['/api/products?where[brand][intersects]=x', 400],
    ['/api/products?where[brand][all]=a,b', 400],
    ['/api/products?where[status][equals]=bogus', 400],
    ['/api/products?where[description][like]=x', 400],
    ['/api/products?where[brand][equals]=%00', 400],
    ['/api/products?where=string', 400],
    ['/api/products/search?brand=a%00b', 400],
    ['/api/products/%E0%A4%A', 400],
    ['/api/reviews?where[authorProfile.username][equals]=x', 400],
    ['/api/products/versions', 404],
    ['/api/products/versions/1', 404],
    ['/api/reviews/versions', 404],
  ])('answers GET %s with %i and a message, not a 500', async (path, expected) => {
    const { status, body } = await call(path)
    expect(status).toBe(expected)
    expect(typeof body.errors[0].message).toBe('string')
  })

  it('answers a where that is neither JSON nor bracketed with 400 saying so', async () => {
    const { status, body } = await call('/api/products?where=string')
    expect(status).toBe(400)
    expect(body.errors[0].message).toBe('where must be JSON or bracketed parameters (where[…]=…)')
  })

  it('answers POST to versions of a collection without versions with 404', async () => {
    const { status, body } = await call('/api/products/versions/1', {
      method: 'POST',
      token: adminToken,
    })
    expect(status).toBe(404)
    expect(body.errors[0].message).toBe('The products collection keeps no versions')
  })

  it('refuses filtering orders on the virtual shipping address with 400', async () => {
    const { status, body } = await call('/api/orders?where[shippingAddress.city][like]=x', {
      token: customer.token,
    })
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/shippingAddress\.city/)
  })

  it('answers GraphQL Access for every caller, canAccessAdmin for staff and vendors only', async () => {
    const query = '{ Access { canAccessAdmin } }'
    for (const token of [undefined, customer.token]) {
      const { status, body } = await graphql(query, token)
      expect(status).toBe(200)
      expect(body).toEqual({ data: { Access: { canAccessAdmin: false } } })
    }
    expect((await graphql(query, vendor.token)).body.data.Access.canAccessAdmin).toBe(true)
    expect((await graphql(query, adminToken)).body.data.Access.canAccessAdmin).toBe(true)
  })

  it('shows trashed products to nobody but their vendor and staff, and lets only staff restore', async () => {
    const id = await createProduct(vendor.token)
    await call(`/api/products/${id}/approve`, { method: 'POST', token: adminToken })
    const trashed = await call(`/api/products/${id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { deletedAt: new Date().toISOString() },
    })
    expect(trashed.status).toBe(200)
    for (const token of [undefined, customer.token]) {
      const list = await call(`/api/products?trash=true&where[id][equals]=${id}`, { token })
      expect(list.body.docs).toEqual([])
      expect((await call(`/api/products/${id}?trash=true`, { token })).status).toBe(404)
      const { body } = await graphql(
        `{ Products(trash: true, where: { id: { equals: ${id} } }) { docs { id available } } }`,
        token,
      )
      expect(body.data.Products.docs).toEqual([])
    }
    const own = await call(`/api/products/${id}?trash=true`, { token: vendor.token })
    expect(own.body).toMatchObject({ id, available: false })

    const restore = await call(`/api/products/${id}?trash=true`, {
      method: 'PATCH',
      token: vendor.token,
      body: { deletedAt: null },
    })
    expect(restore.status).toBe(403)
    expect(restore.body.errors[0].message).toBe('Only staff can restore a product from the trash')
    expect((await call(`/api/products/${id}`)).status).toBe(404)
  })

  it('refuses document locks to customers and vendors, and their list to customers', async () => {
    const id = await createProduct(adminToken)
    const staffLock = await call('/api/payload-locked-documents', {
      method: 'POST',
      token: adminToken,
      body: { document: { relationTo: 'products', value: id } },
    })
    expect(staffLock.status).toBe(201)
    for (const token of [customer.token, vendor.token]) {
      const lock = await call('/api/payload-locked-documents', {
        method: 'POST',
        token,
        body: {
          document: { relationTo: 'products', value: id },
          user: { relationTo: 'users', value: 1 },
        },
      })
      expect(lock.status).toBe(403)
    }
    expect((await call('/api/payload-locked-documents', { token: customer.token })).status).toBe(
      403,
    )
    // A vendor (a panel user) lists their own locks and those on their products: not this one.
    const seenByVendor = await call('/api/payload-locked-documents', { token: vendor.token })
    expect(seenByVendor.status).toBe(200)
    expect(seenByVendor.body.docs).toEqual([])
    const edit = await call(`/api/products/${id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { stock: 7 },
    })
    expect(edit.status).toBe(200)
  })

  it("closes Payload's jobs queue and its stats to every caller, on REST and GraphQL", async () => {
    const callers = {
      anonymous: undefined,
      customer: customer.token,
      vendor: vendor.token,
      admin: adminToken,
    }
    const job = {
      taskSlug: 'sendNoticeEmail',
      input: { to: 'x@example.com', notice: 'taken-email-sign-up' },
    }
    for (const [who, token] of Object.entries(callers)) {
      const outcomes = {
        list: (await call('/api/payload-jobs', { token })).status,
        read: (await call('/api/payload-jobs/1', { token })).status,
        create: (await call('/api/payload-jobs', { method: 'POST', token, body: job })).status,
        update: (
          await call('/api/payload-jobs/1', { method: 'PATCH', token, body: { processing: true } })
        ).status,
        delete: (await call('/api/payload-jobs/1', { method: 'DELETE', token })).status,
        run: (await call('/api/payload-jobs/run', { token })).status,
        schedules: (await call('/api/payload-jobs/handle-schedules', { token })).status,
        readStats: (await call('/api/globals/payload-jobs-stats', { token })).status,
        writeStats: (
          await call('/api/globals/payload-jobs-stats', {
            method: 'POST',
            token,
            body: { stats: {} },
          })
        ).status,
      }
      expect({ who, ...outcomes }).toEqual({ who, ...JOBS_REFUSED })
      const { body } = await graphql('{ PayloadJobs { docs { id } } }', token)
      expect(body.data ?? null).toBeNull()
      expect(body.errors[0].message).toMatch(/Cannot query field "PayloadJobs"/)
    }
  })

  it('accepts PUT as PATCH on a document, merging, and documents it', async () => {
    const id = await createProduct(vendor.token)
    const put = await call(`/api/products/${id}`, {
      method: 'PUT',
      token: vendor.token,
      body: { stock: 9 },
    })
    expect(put.status).toBe(200)
    expect(put.body.doc).toMatchObject({ id, stock: 9, brand: 'Surface', price: 10 })
    const stored = await call(`/api/products/${id}?depth=0`, { token: adminToken })
    expect(stored.body).toMatchObject({ stock: 9, brand: 'Surface' })
    const other = await call(`/api/products/${id}`, {
      method: 'PUT',
      token: customer.token,
      body: { stock: 1 },
    })
    expect(other.status).toBe(403)
    expect(
      (await call('/api/products/99999', { method: 'PUT', token: adminToken, body: {} })).status,
    ).toBe(404)
    const { body: openapi } = await call('/api/openapi.json')
    expect(openapi.paths['/api/products/{id}'].put.summary).toMatch(/same as PATCH/)
  })
})
