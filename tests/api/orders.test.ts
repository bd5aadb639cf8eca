import pg from 'pg'

import { api } from '../helpers/apiClient'
import { createAccount } from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field

/**
 * Orders and reviews over HTTP against the compiled production server: status codes, error
 * bodies (messages must survive the production build), concurrency across independent requests,
 * and GraphQL parity for the main rules.
 */
describe('orders and reviews over HTTP', () => {
  let server: TestServer
  let adminToken: string
  const customers: Array<{ id: number; token: string; username: string; email: string }> = []
  let staffToken: string
  let counter = 0

  /** `api` on this file's server; the body must be JSON (or empty). */
  const call = async (
    path: string,
    options: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Json; headers: Headers }> => {
    const { status, text, headers } = await api(server.url, path, options)
    return { status, body: text ? JSON.parse(text) : {}, headers }
  }

  const graphql = async (query: string, variables: Json = {}, token?: string) =>
    (await call('/api/graphql', { method: 'POST', token, body: { query, variables } })).body

  const createUser = (role: 'customer' | 'staff') => createAccount(server.url, adminToken, [role])

  const createProduct = async (stock: number, price = 12.5, discount = 20) => {
    const id = ++counter
    const { status, body } = await call('/api/products', {
      method: 'POST',
      token: adminToken,
      body: {
        brand: 'Http',
        model: `Widget ${id}`,
        slug: `http-widget-${id}`,
        price,
        discount,
        stock,
        status: 'approved',
      },
    })
    expect(status).toBe(201)
    return body.doc.id as number
  }

  const productStock = async (id: number) =>
    (await call(`/api/products/${id}?depth=0`, { token: adminToken })).body.stock

  const address = {
    name: 'Grace Hopper',
    lines: '1 Compiler Way',
    city: 'Arlington',
    postcode: '22201',
    country: 'USA',
  }

  const order = (token: string, items: Json[], extra: Json = {}) =>
    call('/api/orders', {
      method: 'POST',
      token,
      body: { items, shippingAddress: address, ...extra },
    })

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '1000' },
    })
    const first = await call('/api/users/first-register', {
      method: 'POST',
      body: { email: 'root@example.com', username: 'root', password: 'Correct-Horse-9' },
    })
    expect(first.status).toBe(200)
    adminToken = first.body.token
    for (let index = 0; index < 4; index++) customers.push(await createUser('customer'))
    staffToken = (await createUser('staff')).token
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('creates an order priced by the server, ignoring client prices, customer and status', async () => {
    const product = await createProduct(10, 12.5, 20)
    const { status, body } = await order(
      customers[0].token,
      [{ product, quantity: 3, unitPrice: 0.01, lineTotal: 0.01 }],
      { total: 0.01, status: 'delivered', customer: customers[1].id },
    )
    expect(status).toBe(201)
    expect(body.doc).toMatchObject({
      status: 'pending',
      total: 30,
      currency: 'EUR',
      shippingAddress: address,
      items: [{ quantity: 3, unitPrice: 12.5, discount: 20, lineTotal: 30 }],
    })
    expect(body.doc.customer.id ?? body.doc.customer).toBe(customers[0].id)
    expect(body.doc).not.toHaveProperty('shippingAddressEncrypted')
    expect(await productStock(product)).toBe(7)
  })

  it('answers 409 with the product named when stock is short, and changes nothing', async () => {
    const product = await createProduct(2)
    const { status, body } = await order(customers[0].token, [{ product, quantity: 3 }])
    expect(status).toBe(409)
    expect(body.errors[0].message).toMatch(
      new RegExp(
        `^Not enough stock for "Http Widget \\d+" \\(product ${product}\\): 3 requested, 2 left$`,
      ),
    )
    expect(await productStock(product)).toBe(2)
  })

  it('answers 400 JSON for bad lines and a missing address, never 500', async () => {
    const product = await createProduct(5)
    const zero = await order(customers[0].token, [{ product, quantity: 0 }])
    expect(zero.status).toBe(400)
    expect(zero.body.errors[0].message).toBeTruthy()
    const noAddress = await call('/api/orders', {
      method: 'POST',
      token: customers[0].token,
      body: { items: [{ product, quantity: 1 }] },
    })
    expect(noAddress.status).toBe(400)
    expect(noAddress.body.errors[0].message).toBe('shippingAddress.name is required')
    const anonymous = await order('', [{ product, quantity: 1 }])
    expect(anonymous.status).toBe(403)
    expect(await productStock(product)).toBe(5)
  })

  it("hides another customer's order (404) and lists only one's own", async () => {
    const product = await createProduct(5)
    const mine = (await order(customers[0].token, [{ product, quantity: 1 }])).body.doc
    const theirs = await call(`/api/orders/${mine.id}`, { token: customers[1].token })
    expect(theirs.status).toBe(404)
    const list = await call('/api/orders?limit=100', { token: customers[1].token })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((doc: Json) => doc.id)).not.toContain(mine.id)
    const staffView = await call(`/api/orders/${mine.id}`, { token: staffToken })
    expect(staffView.status).toBe(200)
    expect(staffView.body.shippingAddress).toMatchObject(address)
    const patch = await call(`/api/orders/${mine.id}`, {
      method: 'PATCH',
      token: customers[1].token,
      body: { notes: 'mine now' },
    })
    expect(patch.status).toBe(404)
  })

  it('runs the status workflow with 403/409 for the wrong actor or an illegal move', async () => {
    const product = await createProduct(5)
    const placed = (await order(customers[0].token, [{ product, quantity: 2 }])).body.doc
    const patch = (token: string, status: string) =>
      call(`/api/orders/${placed.id}`, { method: 'PATCH', token, body: { status } })
    expect((await patch(customers[0].token, 'paid')).status).toBe(403)
    const skip = await patch(staffToken, 'shipped')
    expect(skip.status).toBe(409)
    expect(skip.body.errors[0].message).toBe('An order cannot go from pending to shipped')
    expect((await patch(staffToken, 'paid')).status).toBe(200)
    const late = await patch(customers[0].token, 'cancelled')
    expect(late.status).toBe(409)
    expect(late.body.errors[0].message).toBe(
      'Only a pending order can be cancelled by its customer',
    )
    expect((await patch(staffToken, 'cancelled')).status).toBe(200)
    expect(await productStock(product)).toBe(5)
  })

  it('sells exactly the last units to concurrent independent requests', async () => {
    const product = await createProduct(3)
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        order(customers[index % customers.length].token, [{ product, quantity: 1 }]),
      ),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(3)
    expect(statuses.filter((status) => status === 409)).toHaveLength(13)
    expect(await productStock(product)).toBe(0)
    const sold = await call(
      `/api/orders?where[items.product][equals]=${product}&limit=100&depth=0`,
      { token: adminToken },
    )
    expect(sold.body.totalDocs).toBe(3)
  })

  it('returns the stock once under parallel cancels and deletes of one order, losers 404/409, never 500', async () => {
    const product = await createProduct(10)
    const cancelled = (await order(customers[0].token, [{ product, quantity: 3 }])).body.doc
    const cancels = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(`/api/orders/${cancelled.id}`, {
          method: 'PATCH',
          token: customers[0].token,
          body: { status: 'cancelled' },
        }),
      ),
    )
    expect(cancels.map((response) => response.status)).not.toContain(500)
    expect(cancels.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(1)
    expect(await productStock(product)).toBe(10)

    const deleted = (await order(customers[0].token, [{ product, quantity: 4 }])).body.doc
    const deletes = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        call(`/api/orders/${deleted.id}`, {
          method: index % 2 ? 'DELETE' : 'PATCH',
          token: customers[0].token,
          body: index % 2 ? undefined : { status: 'cancelled' },
        }),
      ),
    )
    for (const response of deletes) {
      expect([200, 404, 409]).toContain(response.status)
      if (response.status !== 200) expect(response.body.errors[0].message).toBeTruthy()
    }
    expect(deletes.filter((response, index) => index % 2 && response.status === 200)).toHaveLength(
      1,
    )
    expect(await productStock(product)).toBe(10)
    const gone = await call(`/api/orders/${deleted.id}`, { token: adminToken })
    expect(gone.status).toBe(404)
  })

  it('returns the stock once when one GraphQL request cancels an order twice through aliases', async () => {
    const product = await createProduct(10)
    const placed = (await order(customers[1].token, [{ product, quantity: 2 }])).body.doc
    const result = await graphql(
      `
        mutation ($id: Int!) {
          first: updateOrder(id: $id, data: { status: cancelled }) {
            status
          }
          second: updateOrder(id: $id, data: { status: cancelled }) {
            status
          }
        }
      `,
      { id: placed.id },
      customers[1].token,
    )
    expect(result.errors).toBeUndefined()
    expect(result.data).toEqual({ first: { status: 'cancelled' }, second: { status: 'cancelled' } })
    expect(await productStock(product)).toBe(10)
  })

  it('answers 400 naming the field for a quantity or stock sent as "5abc"', async () => {
    const product = await createProduct(10)
    const placed = await order(customers[2].token, [{ product, quantity: '5abc' }])
    expect(placed.status).toBe(400)
    expect(placed.body.errors[0].message).toBe('The following field is invalid: items.0.quantity')
    const restock = await call(`/api/products/${product}`, {
      method: 'PATCH',
      token: staffToken,
      body: { stock: '5abc' },
    })
    expect(restock.status).toBe(400)
    expect(restock.body.errors[0].message).toBe('The following field is invalid: stock')
    expect(await productStock(product)).toBe(10)
  })

  it('cancels orders while their customers delete their reviews of the same product, in parallel: all 200, stock and rating exact', async () => {
    for (let round = 0; round < 3; round++) {
      const product = await createProduct(10)
      const placed: Json[] = []
      const reviews: Json[] = []
      for (const customer of customers) {
        placed.push((await order(customer.token, [{ product, quantity: 1 }])).body.doc)
        const review = await call('/api/reviews', {
          method: 'POST',
          token: customer.token,
          body: { product, rating: 3 },
        })
        expect(review.status).toBe(201)
        reviews.push(review.body.doc)
      }
      const responses = await Promise.all(
        customers.flatMap((customer, index) => [
          call(`/api/orders/${placed[index].id}`, {
            method: 'PATCH',
            token: customer.token,
            body: { status: 'cancelled' },
          }),
          call(`/api/reviews/${reviews[index].id}`, { method: 'DELETE', token: customer.token }),
        ]),
      )
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200))
      expect(await productStock(product)).toBe(10)
      const rated = await call(`/api/products/${product}?depth=0`)
      expect(rated.body).toMatchObject({ ratingAverage: 0, ratingCount: 0 })
    }
  })

  it('answers a transaction Postgres rolls back for a deadlock with 503 and Retry-After, saving nothing', async () => {
    const product = await createProduct(5)
    const placed = (await order(customers[3].token, [{ product, quantity: 2 }])).body.doc
    // Another client holds the product and then asks for the order the cancel holds: a cycle
    // Postgres breaks by failing the cancel, which started waiting first.
    const other = new pg.Client({ connectionString: server.databaseUrl })
    await other.connect()
    try {
      await other.query('BEGIN')
      await other.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [product])
      const cancel = call(`/api/orders/${placed.id}`, {
        method: 'PATCH',
        token: customers[3].token,
        body: { status: 'cancelled' },
      })
      // Wait until the cancel (holding the order) waits for this connection's product lock.
      for (;;) {
        const { rows } = await other.query(
          `SELECT count(*)::int AS blocked FROM pg_stat_activity
            WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
        )
        if (rows[0].blocked > 0) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const cycle = other.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [placed.id])
      const { status, body, headers } = await cancel
      await cycle
      await other.query('ROLLBACK')
      expect(status).toBe(503)
      expect(headers.get('retry-after')).toBe('1')
      expect(body).toEqual({
        errors: [
          {
            message:
              'The request ran into a concurrent change and was rolled back; nothing was saved. Try again.',
          },
        ],
      })
    } finally {
      await other.end()
    }
    const stored = await call(`/api/orders/${placed.id}?depth=0`, { token: adminToken })
    expect(stored.body.status).toBe('pending')
    expect(await productStock(product)).toBe(3)
  })

  it('refuses a second review with 409 and shows anonymous readers only the author profile', async () => {
    const product = await createProduct(5)
    const review = (token: string) =>
      call('/api/reviews', { method: 'POST', token, body: { product, rating: 4, body: 'Nice' } })
    expect((await review(customers[2].token)).status).toBe(201)
    const again = await review(customers[2].token)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe('You have already reviewed this product')

    const listed = await call(`/api/reviews?where[product][equals]=${product}&depth=1`)
    expect(listed.status).toBe(200)
    expect(listed.body.docs).toHaveLength(1)
    expect(listed.body.docs[0].authorProfile).toEqual({
      username: customers[2].username,
      avatarUrl: null,
    })
    expect(JSON.stringify(listed.body)).not.toContain(customers[2].email)
    const rated = await call(`/api/products/${product}?depth=0`)
    expect(rated.body).toMatchObject({ ratingAverage: 4, ratingCount: 1 })
  })

  describe('GraphQL parity', () => {
    it('refuses an order short of stock with the same message', async () => {
      const product = await createProduct(1)
      const result = await graphql(
        `
          mutation Place($data: mutationOrderInput!) {
            createOrder(data: $data) {
              id
              total
            }
          }
        `,
        { data: { items: [{ product, quantity: 2 }], shippingAddress: address } },
        customers[0].token,
      )
      expect(result.errors?.[0]?.message).toContain(`Not enough stock for "Http Widget`)
      expect(await productStock(product)).toBe(1)
    })

    it('places an order and reads it back decrypted, but not as another customer', async () => {
      const product = await createProduct(4, 10, 0)
      const created = await graphql(
        `
          mutation Place($data: mutationOrderInput!) {
            createOrder(data: $data) {
              id
              total
              status
              shippingAddress {
                city
              }
            }
          }
        `,
        { data: { items: [{ product, quantity: 2 }], shippingAddress: address, status: 'paid' } },
        customers[1].token,
      )
      expect(created.errors).toBeUndefined()
      expect(created.data.createOrder).toMatchObject({
        total: 20,
        status: 'pending',
        shippingAddress: { city: 'Arlington' },
      })
      const id = created.data.createOrder.id
      const other = await graphql(
        `
          query ($id: Int!) {
            Order(id: $id) {
              id
            }
          }
        `,
        { id },
        customers[0].token,
      )
      expect(other.data?.Order ?? null).toBeNull()
      expect(other.errors?.[0]?.message).toBeTruthy()
    })

    it('refuses a duplicate review and hides hidden reviews from anonymous readers', async () => {
      const product = await createProduct(5)
      const mutation = `mutation Write($data: mutationReviewInput!) { createReview(data: $data) { id status } }`
      const first = await graphql(mutation, { data: { product, rating: 2 } }, customers[3].token)
      expect(first.errors).toBeUndefined()
      const second = await graphql(mutation, { data: { product, rating: 5 } }, customers[3].token)
      expect(second.errors?.[0]?.message).toBe('You have already reviewed this product')

      const hidden = await call(`/api/reviews/${first.data.createReview.id}`, {
        method: 'PATCH',
        token: staffToken,
        body: { status: 'hidden' },
      })
      expect(hidden.status).toBe(200)
      const query = `query ($product: JSON) {
        Reviews(where: { product: { equals: $product } }) { docs { id authorProfile { username } } }
      }`
      const anonymous = await graphql(query, { product })
      expect(anonymous.data.Reviews.docs).toEqual([])
      const own = await graphql(query, { product }, customers[3].token)
      expect(own.data.Reviews.docs).toEqual([
        { id: first.data.createReview.id, authorProfile: { username: customers[3].username } },
      ])
    })
  })
})
