/**
 * Product moderation over HTTP against the production build: `POST /api/products/:id/resubmit`
 * for every role, the moderation history (`product-moderation-events`) each change appends and
 * who may read it (REST and GraphQL), and concurrent decisions on one product.
 */
import {
  type Account,
  call,
  createAccount,
  type Json,
  registerFirstAdmin,
} from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

let server: TestServer
let admin: Account & { token: string }
let staff: Account & { token: string }
let vendor: Account & { token: string }
let otherVendor: Account & { token: string }
let customer: Account & { token: string }

type Session = { token: string } | undefined

/** `call` on this file's server as `session` (anonymous when undefined). */
const http = (method: string, path: string, session?: Session, body?: unknown) =>
  call(`${server.url}${path}`, {
    method,
    body,
    auth: session ? `JWT ${session.token}` : undefined,
  })

let counter = 0
/** A pending product listed by `owner` (a vendor). */
const pendingProduct = async (owner: Session = vendor): Promise<Json> => {
  counter += 1
  const { status, body } = await http('POST', '/api/products', owner, {
    brand: 'Acme',
    model: `Moderated ${counter}`,
    price: 49.9,
    stock: 4,
  })
  expect(status).toBe(201)
  expect(body.doc.status).toBe('pending')
  return body.doc
}

const reject = async (id: number, reason = 'Blurry photos') => {
  const { status, body } = await http('POST', `/api/products/${id}/reject`, staff, { reason })
  expect(status).toBe(200)
  return body.doc as Json
}

/** A product's moderation history, oldest first, as the server (admin) reads it. */
const history = async (id: number): Promise<Json[]> => {
  const { status, body } = await http(
    'GET',
    `/api/product-moderation-events?where[product][equals]=${id}&sort=createdAt,id&depth=0&limit=100`,
    admin,
  )
  expect(status).toBe(200)
  return body.docs
}

/** The stored product, read by an admin. */
const stored = async (id: number): Promise<Json> => {
  const { status, body } = await http('GET', `/api/products/${id}?depth=0`, admin)
  expect(status).toBe(200)
  return body
}

beforeAll(async () => {
  server = await startTestServer({
    env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
  })
  admin = await registerFirstAdmin(server.url)
  staff = await createAccount(server.url, admin.token, ['staff'])
  vendor = await createAccount(server.url, admin.token, ['vendor'])
  otherVendor = await createAccount(server.url, admin.token, ['vendor'])
  customer = await createAccount(server.url, admin.token, ['customer'])
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

describe('POST /api/products/:id/resubmit', () => {
  it('answers each role exactly, and only the owning vendor moves a rejected product', async () => {
    const product = await pendingProduct()
    const rejected = await reject(product.id, 'Wrong category')
    const path = `/api/products/${product.id}/resubmit`
    const outcomes: Array<[string, Session, number]> = [
      ['anonymous', undefined, 401],
      ['customer', customer, 404],
      ['another vendor', otherVendor, 404],
      ['staff', staff, 403],
      ['admin', admin, 403],
    ]
    for (const [who, session, status] of outcomes) {
      const response = await http('POST', path, session)
      expect({ who, status: response.status }).toEqual({ who, status })
      expect(response.body.errors?.[0]?.message).toEqual(expect.any(String))
      expect((await stored(product.id)).status).toBe('rejected')
    }
    const byOwner = await http('POST', path, vendor)
    expect(byOwner.status).toBe(200)
    expect(byOwner.body).toMatchObject({
      message: 'Product pending.',
      doc: { id: product.id, status: 'pending', available: false },
    })
    // Only the status changes: the last decision stays on record until the next one.
    expect(await stored(product.id)).toMatchObject({
      status: 'pending',
      reviewedBy: staff.id,
      reviewedAt: rejected.reviewedAt,
      rejectionReason: 'Wrong category',
    })
    const again = await http('POST', path, vendor)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe(
      'Only a rejected product can be resubmitted; this one is pending.',
    )
  })

  it('refuses an approved product (409) and an unknown id (404)', async () => {
    const product = await pendingProduct()
    expect((await http('POST', `/api/products/${product.id}/approve`, staff)).status).toBe(200)
    const approved = await http('POST', `/api/products/${product.id}/resubmit`, vendor)
    expect(approved.status).toBe(409)
    expect((await stored(product.id)).status).toBe('approved')
    expect((await http('POST', '/api/products/999999/resubmit', vendor)).status).toBe(404)
  })
})

describe('the moderation history', () => {
  it('records every status change: who, from, to and why, in order', async () => {
    const product = await pendingProduct()
    await reject(product.id, 'No photos')
    expect((await http('POST', `/api/products/${product.id}/resubmit`, vendor)).status).toBe(200)
    expect((await http('POST', `/api/products/${product.id}/approve`, admin)).status).toBe(200)
    // A price edit by the vendor changes no status and adds nothing.
    expect((await http('PATCH', `/api/products/${product.id}`, vendor, { price: 45 })).status).toBe(
      200,
    )
    // A content edit of the approved product sends it back to pending, recorded too.
    expect(
      (await http('PATCH', `/api/products/${product.id}`, vendor, { model: `${product.model} v2` }))
        .status,
    ).toBe(200)
    const events = await history(product.id)
    expect(events.map(({ from, to, by, reason }) => ({ from, to, by, reason }))).toEqual([
      { from: null, to: 'pending', by: vendor.id, reason: null },
      { from: 'pending', to: 'rejected', by: staff.id, reason: 'No photos' },
      { from: 'rejected', to: 'pending', by: vendor.id, reason: null },
      { from: 'pending', to: 'approved', by: admin.id, reason: null },
      { from: 'approved', to: 'pending', by: vendor.id, reason: null },
    ])
    expect(events.every((event) => event.product === product.id)).toBe(true)
  })

  it('is read by staff and the owning vendor only, over REST and GraphQL', async () => {
    const product = await pendingProduct()
    await reject(product.id)
    const path = `/api/product-moderation-events?where[product][equals]=${product.id}`
    const readers: Array<[string, Session, number | 'forbidden']> = [
      ['anonymous', undefined, 'forbidden'],
      ['customer', customer, 0],
      ['another vendor', otherVendor, 0],
      ['owner', vendor, 2],
      ['staff', staff, 2],
      ['admin', admin, 2],
    ]
    for (const [who, session, expected] of readers) {
      const response = await http('GET', path, session)
      if (expected === 'forbidden') {
        expect({ who, status: response.status }).toEqual({ who, status: 403 })
      } else {
        expect({ who, status: response.status, total: response.body.totalDocs }).toEqual({
          who,
          status: 200,
          total: expected,
        })
      }
      const query = `{ ProductModerationEvents(where: { product: { equals: ${product.id} } }) { totalDocs docs { to reason } } }`
      const graphql = await http('POST', '/api/graphql', session, { query })
      expect(graphql.status).toBe(200)
      const found = graphql.body.data?.ProductModerationEvents?.totalDocs ?? 'forbidden'
      expect({ who, found }).toEqual({ who, found: expected })
    }
  })

  it('cannot be written through the API by anybody, admins included', async () => {
    const product = await pendingProduct()
    const [event] = await history(product.id)
    for (const session of [vendor, staff, admin]) {
      const create = await http('POST', '/api/product-moderation-events', session, {
        product: product.id,
        to: 'approved',
      })
      expect(create.status).toBe(403)
      const update = await http('PATCH', `/api/product-moderation-events/${event.id}`, session, {
        reason: 'forged',
      })
      expect(update.status).toBe(403)
      const remove = await http('DELETE', `/api/product-moderation-events/${event.id}`, session)
      expect(remove.status).toBe(403)
    }
    const mutation = `mutation { createProductModerationEvent(data: { product: ${product.id}, to: approved }) { id } }`
    const graphql = await http('POST', '/api/graphql', admin, { query: mutation })
    expect(graphql.body.errors?.[0]?.message).toBe('You are not allowed to perform this action.')
    expect(await history(product.id)).toEqual([event])
  })
})

describe('concurrent moderation of one product', () => {
  it('lets one of eight parallel approvals through; the others get 409', async () => {
    const product = await pendingProduct()
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => http('POST', `/api/products/${product.id}/approve`, staff)),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409])
    expect((await history(product.id)).map((event) => event.to)).toEqual(['pending', 'approved'])
    expect(await stored(product.id)).toMatchObject({ status: 'approved', reviewedBy: staff.id })
  })

  it('leaves one consistent record when approvals and rejections race', async () => {
    const product = await pendingProduct()
    const moves = Array.from({ length: 8 }, (_, index) =>
      index % 2 === 0
        ? http('POST', `/api/products/${product.id}/approve`, staff)
        : http('POST', `/api/products/${product.id}/reject`, admin, { reason: `Race ${index}` }),
    )
    const responses = await Promise.all(moves)
    expect(responses.every((response) => [200, 409].includes(response.status))).toBe(true)
    const succeeded = responses.filter((response) => response.status === 200).length
    expect(succeeded).toBeGreaterThanOrEqual(1)
    const events = await history(product.id)
    // One event per accepted decision, each starting where the previous one ended.
    expect(events).toHaveLength(1 + succeeded)
    for (let index = 1; index < events.length; index += 1) {
      expect(events[index].from).toBe(events[index - 1].to)
      expect(events[index].to).not.toBe(events[index].from)
    }
    const last = events[events.length - 1]
    const record = await stored(product.id)
    expect(record).toMatchObject({ status: last.to, reviewedBy: last.by })
    expect(record.rejectionReason).toBe(last.to === 'rejected' ? last.reason : null)
    expect(record.available).toBe(last.to === 'approved')
  })

  it('resubmits once when the vendor sends six parallel resubmissions', async () => {
    const product = await pendingProduct()
    await reject(product.id)
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => http('POST', `/api/products/${product.id}/resubmit`, vendor)),
    )
    expect(responses.map((response) => response.status).sort()).toEqual([
      200, 409, 409, 409, 409, 409,
    ])
    expect((await history(product.id)).map((event) => event.to)).toEqual([
      'pending',
      'rejected',
      'pending',
    ])
  })
})
