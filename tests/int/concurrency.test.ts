import type { Payload } from 'payload'

import { closePayload, initPayload } from '../helpers/payload'
import {
  createProduct,
  createUser,
  placeOrder,
  stockOf,
  storedProduct,
  type TestUser,
  writeReview,
} from '../helpers/orderFixtures'

/**
 * Concurrent writers, each in its own request and transaction (separate Local API calls, each with
 * its own user and no shared req), racing for the same product rows.
 */
describe('concurrency', () => {
  let payload: Payload
  let customers: TestUser[]

  beforeAll(async () => {
    payload = await initPayload()
    customers = []
    for (let index = 0; index < 24; index++) {
      customers.push(await createUser(payload, ['customer']))
    }
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  it('sells exactly the units that exist when many orders race for the last ones', async () => {
    const product = await createProduct(payload, { stock: 7 })
    const results = await Promise.allSettled(
      customers.map((customer) =>
        placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]),
      ),
    )
    const placed = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter((result) => result.status === 'rejected')
    expect(placed).toHaveLength(7)
    expect(refused).toHaveLength(customers.length - 7)
    for (const result of refused) {
      expect(result.reason.status).toBe(409)
      expect(result.reason.message).toContain(`product ${product.id}`)
    }
    const stored = await storedProduct(payload, product.id)
    expect(stored.stock).toBe(0)
    expect(stored.available).toBe(false)
    const { docs } = await payload.find({
      collection: 'orders',
      where: { 'items.product': { equals: product.id } },
      depth: 0,
      pagination: false,
    })
    const sold = docs.reduce(
      (sum, order) => sum + order.items.reduce((lines, line) => lines + line.quantity, 0),
      0,
    )
    expect(sold).toBe(7)
  })

  it('never oversells with multi-unit, multi-product orders locking rows in opposite orders', async () => {
    const a = await createProduct(payload, { stock: 10 })
    const b = await createProduct(payload, { stock: 10 })
    const results = await Promise.allSettled(
      customers.map((customer, index) =>
        placeOrder(
          payload,
          customer,
          index % 2 === 0
            ? [
                { product: a.id, quantity: 3 },
                { product: b.id, quantity: 2 },
              ]
            : [
                { product: b.id, quantity: 3 },
                { product: a.id, quantity: 2 },
              ],
        ),
      ),
    )
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.status).toBe(409)
    }
    const { docs } = await payload.find({
      collection: 'orders',
      where: { 'items.product': { in: [a.id, b.id] } },
      depth: 0,
      pagination: false,
    })
    const soldOf = (id: number) =>
      docs.reduce(
        (sum, order) =>
          sum +
          order.items
            .filter((line) => line.product === id)
            .reduce((lines, line) => lines + line.quantity, 0),
        0,
      )
    const [stockA, stockB] = [await stockOf(payload, a.id), await stockOf(payload, b.id)]
    expect(stockA).toBeGreaterThanOrEqual(0)
    expect(stockB).toBeGreaterThanOrEqual(0)
    expect(soldOf(a.id) + stockA).toBe(10)
    expect(soldOf(b.id) + stockB).toBe(10)
    expect(docs.length).toBe(results.filter((result) => result.status === 'fulfilled').length)
    expect(docs.length).toBeGreaterThanOrEqual(2)
  })

  it('keeps ratingAverage and ratingCount equal to the truth under concurrent reviews', async () => {
    const product = await createProduct(payload)
    const ratings = customers.map((_, index) => (index % 5) + 1)
    await Promise.all(
      customers.map((customer, index) =>
        writeReview(payload, customer, product.id, ratings[index]),
      ),
    )
    const stored = await storedProduct(payload, product.id)
    const truth = ratings.reduce((sum, value) => sum + value, 0) / ratings.length
    expect(stored.ratingCount).toBe(customers.length)
    expect(stored.ratingAverage).toBe(Math.round(truth * 100) / 100)
  })

  it('keeps the aggregates exact when reviews are hidden and deleted concurrently', async () => {
    const product = await createProduct(payload)
    const reviews = []
    for (const [index, customer] of customers.entries()) {
      reviews.push(await writeReview(payload, customer, product.id, (index % 5) + 1))
    }
    const staff = await createUser(payload, ['staff'])
    await Promise.all(
      reviews.map((review, index) =>
        index % 3 === 0
          ? payload.delete({
              collection: 'reviews',
              id: review.id,
              user: staff,
              overrideAccess: false,
            })
          : index % 3 === 1
            ? payload.update({
                collection: 'reviews',
                id: review.id,
                data: { status: 'hidden' },
                user: staff,
                overrideAccess: false,
              })
            : payload.update({
                collection: 'reviews',
                id: review.id,
                data: { rating: 5 },
                user: customers[index],
                overrideAccess: false,
              }),
      ),
    )
    const remaining = reviews.filter((_, index) => index % 3 === 2)
    const stored = await storedProduct(payload, product.id)
    expect(stored.ratingCount).toBe(remaining.length)
    expect(stored.ratingAverage).toBe(5)
  })
})
