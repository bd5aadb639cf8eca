import type { Payload } from 'payload'

import { seedReviewsAndOrders } from '../../src/seed/seedReviewsAndOrders'
import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, createUser, stockOf, unique } from '../helpers/fixtures'

describe('demo seed: reviews and orders', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await initPayload()
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  it('orders and reviews approved products through the rules, with verified purchases', async () => {
    const brand = `Seed${unique()}`
    await createUser(payload, ['staff'])
    const customers = [
      await createUser(payload, ['customer']),
      await createUser(payload, ['customer']),
      await createUser(payload, ['customer']),
    ]
    const products = []
    for (let index = 0; index < 4; index++) {
      products.push(await createProduct(payload, { brand, price: 10 + index, stock: 20 }))
    }
    const pending = await createProduct(payload, { brand, status: 'pending', stock: 20 })

    await seedReviewsAndOrders(payload, {
      products: { brand: { equals: brand } },
      customers: { id: { in: customers.map((customer) => customer.id) } },
    })

    const { docs: orders } = await payload.find({
      collection: 'orders',
      where: { customer: { in: customers.map((customer) => customer.id) } },
      sort: 'id',
      depth: 0,
      pagination: false,
    })
    expect(orders.map((order) => order.status)).toEqual(['delivered', 'paid', 'pending'])
    expect(orders.every((order) => order.shippingAddress?.city)).toBe(true)
    const sold = (id: number) =>
      orders.reduce(
        (sum, order) =>
          sum + order.items.filter((l) => l.product === id).reduce((n, l) => n + l.quantity, 0),
        0,
      )
    for (const product of products) {
      expect(await stockOf(payload, product.id)).toBe(20 - sold(product.id))
    }
    expect(await stockOf(payload, pending.id)).toBe(20)

    const { docs: reviews } = await payload.find({
      collection: 'reviews',
      where: { author: { in: customers.map((customer) => customer.id) } },
      depth: 0,
      pagination: false,
    })
    expect(reviews.length).toBeGreaterThanOrEqual(customers.length)
    expect(reviews.some((review) => review.verifiedPurchase)).toBe(true)
    expect(reviews.some((review) => !review.verifiedPurchase)).toBe(true)
    const reviewed = await payload.findByID({
      collection: 'products',
      id: reviews[0].product as number,
      depth: 0,
    })
    expect(reviewed.ratingCount).toBeGreaterThan(0)
  })
})
