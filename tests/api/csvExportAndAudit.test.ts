/**
 * CSV export of orders and products and the audit log over HTTP against the production build:
 * staff download what the database holds (rows, columns, filters), everybody else is refused
 * with an exact status; the audit log is read by admins only and written by nobody, over REST
 * and GraphQL.
 */
import pg from 'pg'

import { api } from '../helpers/apiClient'
import { createAccount } from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field

/** A CSV document's rows (RFC 4180: quoted cells, doubled quotes, CRLF), header first. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index++
    } else cell += char
  }
  return rows
}

/** The CSV's rows as objects keyed by its header. */
const records = (text: string): { header: string[]; rows: Record<string, string>[] } => {
  const [header, ...lines] = parseCsv(text)
  return {
    header,
    rows: lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]))),
  }
}

const ORDER_HEADER = [
  'id',
  'createdAt',
  'status',
  'customerId',
  'customer',
  'items',
  'quantity',
  'total',
  'currency',
]
const PRODUCT_HEADER = [
  'id',
  'brand',
  'model',
  'slug',
  'category',
  'status',
  'rejectionReason',
  'price',
  'discount',
  'finalPrice',
  'stock',
  'available',
  'ownerId',
  'owner',
  'createdAt',
  'updatedAt',
]

describe('CSV export and the audit log over HTTP', () => {
  let server: TestServer
  let db: pg.Client
  let adminToken: string
  let staffToken: string
  let vendor: { id: number; token: string }
  let customer: { id: number; token: string; username: string }
  const orderIds: number[] = []

  const call = async (
    path: string,
    options: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Json; text: string; headers: Headers }> => {
    const { status, text, headers, body } = await api(server.url, path, options)
    return { status, body: (body ?? {}) as Json, text, headers }
  }

  const graphql = async (query: string, token?: string) =>
    (await call('/api/graphql', { method: 'POST', token, body: { query } })).body

  const address = {
    name: 'Hedy Lamarr',
    lines: '7 Frequency Hopping Lane',
    city: 'Vienna',
    postcode: '1010',
    country: 'Austria',
    phone: '+43 1 000000',
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '1000' },
    })
    db = new pg.Client({ connectionString: server.databaseUrl })
    await db.connect()
    const first = await call('/api/users/first-register', {
      method: 'POST',
      body: { email: 'root@example.com', username: 'root', password: 'Correct-Horse-9' },
    })
    expect(first.status).toBe(200)
    adminToken = first.body.token
    staffToken = (await createAccount(server.url, adminToken, ['staff'])).token
    vendor = await createAccount(server.url, adminToken, ['vendor'])
    customer = await createAccount(server.url, adminToken, ['customer'])

    const products: number[] = []
    for (const [brand, model] of [
      ['=HYPERLINK("http://evil.example")', 'Formula'],
      ['Comma, Inc.', 'The "Quoted" One'],
      ['Plain', 'Widget'],
    ]) {
      const { status, body } = await call('/api/products', {
        method: 'POST',
        token: vendor.token,
        body: { brand, model, price: 20, stock: 50 },
      })
      expect(status).toBe(201)
      products.push(body.doc.id)
    }
    for (const id of products.slice(1)) {
      expect(
        (await call(`/api/products/${id}/approve`, { method: 'POST', token: staffToken })).status,
      ).toBe(200)
    }
    for (const quantity of [1, 2, 3]) {
      const { status, body } = await call('/api/orders', {
        method: 'POST',
        token: customer.token,
        body: { items: [{ product: products[1], quantity }], shippingAddress: address },
      })
      expect(status).toBe(201)
      orderIds.push(body.doc.id)
    }
    const paid = await call(`/api/orders/${orderIds[1]}`, {
      method: 'PATCH',
      token: staffToken,
      body: { status: 'paid' },
    })
    expect(paid.status).toBe(200)
  }, 180_000)

  afterAll(async () => {
    await db?.end()
    await server?.stop()
  })

  it('downloads every order as CSV for staff, matching the database row for row', async () => {
    const { status, text, headers } = await call('/api/orders/export.csv', { token: staffToken })
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(headers.get('cache-control')).toBe('no-store')
    const { header, rows } = records(text)
    expect(header).toEqual(ORDER_HEADER)
    const stored = await db.query<{
      id: number
      status: string
      total: string
      currency: string
      customer_id: number
    }>('SELECT id, status, total, currency, customer_id FROM orders ORDER BY id')
    expect(
      rows.map((row) => [row.id, row.status, row.total, row.currency, row.customerId]),
    ).toEqual(
      stored.rows.map((order) => [
        String(order.id),
        order.status,
        String(Number(order.total)),
        order.currency,
        String(order.customer_id),
      ]),
    )
    expect(rows[0]).toMatchObject({
      customer: customer.username,
      items: '1 × Comma, Inc. The "Quoted" One',
      quantity: '1',
    })
    for (const value of Object.values(address)) expect(text).not.toContain(value)
  })

  it('exports only the rows the list filter matches, in its sort', async () => {
    const paid = await call('/api/orders/export.csv?where[status][equals]=paid', {
      token: staffToken,
    })
    expect(paid.status).toBe(200)
    expect(records(paid.text).rows.map((row) => [row.id, row.status])).toEqual([
      [String(orderIds[1]), 'paid'],
    ])
    const sorted = await call('/api/orders/export.csv?sort=-total&limit=2', { token: adminToken })
    expect(records(sorted.text).rows.map((row) => row.id)).toEqual(
      [orderIds[2], orderIds[1]].map(String),
    )
  })

  it('downloads every product for staff, pending ones included, with formulas neutralised', async () => {
    const { status, text } = await call('/api/products/export.csv', { token: staffToken })
    expect(status).toBe(200)
    const { header, rows } = records(text)
    expect(header).toEqual(PRODUCT_HEADER)
    const stored = await db.query<{ id: number; status: string; stock: number; owner_id: number }>(
      'SELECT id, status, stock, owner_id FROM products WHERE deleted_at IS NULL ORDER BY id',
    )
    expect(rows.map((row) => [row.id, row.status, row.stock, row.ownerId])).toEqual(
      stored.rows.map((p) => [String(p.id), p.status, String(p.stock), String(p.owner_id)]),
    )
    expect(rows[0]).toMatchObject({
      brand: `'=HYPERLINK("http://evil.example")`,
      status: 'pending',
    })
    expect(rows[1]).toMatchObject({ brand: 'Comma, Inc.', model: 'The "Quoted" One', stock: '44' })
  })

  it.each([
    ['orders', undefined, 401],
    ['orders', 'customer', 403],
    ['orders', 'vendor', 403],
    ['products', undefined, 401],
    ['products', 'customer', 403],
    ['products', 'vendor', 403],
  ] as const)('refuses the %s export to %s with %i', async (collection, role, expected) => {
    const token =
      role === 'customer' ? customer.token : role === 'vendor' ? vendor.token : undefined
    const { status, body } = await call(`/api/${collection}/export.csv`, { token })
    expect(status).toBe(expected)
    expect(typeof body.errors[0].message).toBe('string')
  })

  it.each([
    ['/api/orders/export.csv?limit=0', '"limit" is an integer from 1 to 10000.'],
    ['/api/orders/export.csv?limit=abc', '"limit" is an integer from 1 to 10000.'],
    ['/api/products/export.csv?where[brand][near]=1,2', undefined],
  ])('answers %s with 400', async (path, message) => {
    const { status, body } = await call(path, { token: staffToken })
    expect(status).toBe(400)
    if (message) expect(body.errors[0].message).toBe(message)
  })

  it('lets admins read the audit log over REST and GraphQL, and nobody else', async () => {
    const path = `/api/audit-log?where[targetCollection][equals]=orders&where[documentId][equals]=${orderIds[1]}&sort=id`
    const read = await call(path, { token: adminToken })
    expect(read.status).toBe(200)
    expect(read.body.docs.map((entry: Json) => entry.operation)).toEqual(['create', 'update'])
    expect(read.body.docs[1]).toMatchObject({
      changedFields: 'status',
      changes: { status: { before: 'pending', after: 'paid' } },
      actorStrategy: 'session',
      actorRoles: 'staff',
    })
    for (const token of [undefined, customer.token, vendor.token, staffToken]) {
      expect((await call(path, { token })).status).toBe(403)
      const { data, errors } = await graphql('{ AuditLog { docs { id } } }', token)
      expect(data?.AuditLog ?? null).toBeNull()
      expect(errors[0].message).toBe('You are not allowed to perform this action.')
    }
    const { data } = await graphql('{ AuditLog(limit: 1) { totalDocs } }', adminToken)
    expect(data.AuditLog.totalDocs).toBeGreaterThan(0)
  })

  it('refuses creating, changing and deleting audit entries over REST and GraphQL, admins included', async () => {
    const [{ id }] = (await db.query<{ id: number }>('SELECT id FROM audit_log LIMIT 1')).rows
    const before = (await db.query('SELECT * FROM audit_log ORDER BY id')).rows
    const entry = {
      summary: 'forged',
      operation: 'update',
      targetCollection: 'products',
      documentId: 1,
      actorStrategy: 'session',
    }
    for (const token of [undefined, customer.token, vendor.token, staffToken, adminToken]) {
      for (const [method, route, body] of [
        ['POST', '/api/audit-log', entry],
        ['PATCH', `/api/audit-log/${id}`, { summary: 'rewritten' }],
        ['PATCH', `/api/audit-log?where[id][equals]=${id}`, { summary: 'rewritten' }],
        ['DELETE', `/api/audit-log/${id}`, undefined],
        ['DELETE', `/api/audit-log?where[id][exists]=true`, undefined],
      ] as const) {
        const { status } = await call(route, { method, token, body })
        expect({ method, route, status }).toEqual({ method, route, status: 403 })
      }
      for (const mutation of [
        'mutation { createAuditEntry(data: { summary: "forged", operation: update, targetCollection: products, documentId: 1, actorStrategy: session }) { id } }',
        `mutation { updateAuditEntry(id: ${id}, data: { summary: "rewritten" }) { id } }`,
        `mutation { deleteAuditEntry(id: ${id}) { id } }`,
      ]) {
        const { data, errors } = await graphql(mutation, token)
        expect(Object.values(data ?? {}).every((value) => value === null)).toBe(true)
        expect(errors[0].message).toBe('You are not allowed to perform this action.')
      }
    }
    expect((await db.query('SELECT * FROM audit_log ORDER BY id')).rows).toEqual(before)
  })
})
