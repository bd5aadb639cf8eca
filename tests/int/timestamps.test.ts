/** `createdAt` / `updatedAt` are set by the server for every caller; trusted code may set them. */
import type { Payload } from 'payload'

import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, createUser, type TestUser, writeReview } from '../helpers/fixtures'

const FUTURE = '2099-01-01T00:00:00.000Z'
const PAST = '2001-01-01T00:00:00.000Z'

describe('server-set timestamps', () => {
  let payload: Payload
  let customer: TestUser
  let admin: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    admin = await createUser(payload, ['admin'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const storedReview = (id: number) => payload.findByID({ collection: 'reviews', id, depth: 0 })

  it.each([
    ['a customer', () => customer],
    ['an admin', () => admin],
  ])('ignores dates %s sends on create and update', async (_who, author) => {
    const product = await createProduct(payload)
    const before = Date.now()
    const review = await writeReview(payload, author(), product.id, 4, {
      createdAt: FUTURE,
      updatedAt: FUTURE,
    })
    const created = await storedReview(review.id)
    expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(created.createdAt < '2090').toBe(true)
    expect(created.updatedAt < '2090').toBe(true)
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { title: 'Edited', createdAt: PAST },
      user: author(),
      overrideAccess: false,
    })
    const updated = await storedReview(review.id)
    expect(updated.title).toBe('Edited')
    expect(updated.createdAt).toBe(created.createdAt)
  })

  it('keeps dates trusted server code sets (seeds, imports)', async () => {
    const product = await createProduct(payload)
    const review = await payload.create({
      collection: 'reviews',
      data: { product: product.id, author: customer.id, rating: 5, createdAt: PAST },
    })
    expect((await storedReview(review.id)).createdAt).toBe(PAST)
  })
})
