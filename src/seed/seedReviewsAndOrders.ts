import type { Payload, Where } from 'payload'

import type { Order, Product, Review, User } from '../payload-types'
import { listedWhere } from '../lib/availability'

const demoAddresses: NonNullable<Order['shippingAddress']>[] = [
  {
    name: 'Alice Martin',
    lines: '4 Rue des Lilas',
    city: 'Lyon',
    postcode: '69003',
    country: 'France',
    phone: '+33 4 00 00 00 01',
  },
  {
    name: 'Bob Schneider',
    lines: 'Lindenstraße 17',
    city: 'Berlin',
    postcode: '10969',
    country: 'Germany',
    phone: '+49 30 0000 0002',
  },
  {
    name: 'Carol Jensen',
    lines: 'Nørregade 8, 2. th.',
    city: 'Copenhagen',
    postcode: '1165',
    country: 'Denmark',
  },
]

const demoReviews: Array<Pick<Review, 'rating' | 'title' | 'body'>> = [
  { rating: 5, title: 'Exactly as described', body: 'Arrived quickly and works perfectly.' },
  { rating: 4, title: 'Very good', body: 'Solid build; the manual could be clearer.' },
  { rating: 3, title: 'Does the job', body: 'Fine for the price, nothing special.' },
  { rating: 5, title: 'Would buy again', body: 'Second one for the family.' },
  { rating: 2, title: 'Not for me', body: 'Smaller than I expected from the pictures.' },
]

const asUser = (user: User) => ({ user: { ...user, collection: 'users' as const } })

/**
 * Demo orders and reviews, written by the demo customers through the real access rules and hooks
 * (`overrideAccess: false`): each customer orders a couple of approved products, staff move some
 * orders along (paid, shipped, delivered) and the customers review what they bought, so some
 * reviews show `verifiedPurchase`. Needs approved products; with none it seeds nothing.
 * `scope` narrows which products and customers take part (tests use it on a shared database).
 */
export const seedReviewsAndOrders = async (
  payload: Payload,
  scope: { products?: Where; customers?: Where } = {},
): Promise<void> => {
  const log = payload.logger
  const { docs: products } = await payload.find({
    collection: 'products',
    where: {
      and: [
        listedWhere(),
        { stock: { greater_than_equal: 5 } },
        ...(scope.products ? [scope.products] : []),
      ],
    },
    sort: 'id',
    limit: 6,
    depth: 0,
    overrideAccess: true,
  })
  const findUsers = async (role: User['roles'][number], narrow?: Where) =>
    (
      await payload.find({
        collection: 'users',
        where: { and: [{ roles: { in: [role] } }, ...(narrow ? [narrow] : [])] },
        sort: 'id',
        depth: 0,
        pagination: false,
        overrideAccess: true,
      })
    ).docs
  const customers = await findUsers('customer', scope.customers)
  const [staff] = await findUsers('staff')
  if (products.length < 2 || customers.length === 0 || !staff) {
    log.warn('No approved products (or no customers/staff): not seeding orders and reviews.')
    return
  }

  const productAt = (index: number): Product => products[index % products.length]
  const workflow: Array<Order['status'][]> = [['paid', 'shipped', 'delivered'], ['paid'], []]
  let orders = 0
  let reviews = 0
  for (const [index, customer] of customers.entries()) {
    const bought = [productAt(index), productAt(index + 1)]
    const order = await payload.create({
      collection: 'orders',
      data: {
        items: bought.map((product, line) => ({ product: product.id, quantity: line + 1 })),
        shippingAddress: demoAddresses[index % demoAddresses.length],
        notes: index === 0 ? 'Please leave the parcel with the concierge.' : undefined,
      } as Order,
      depth: 0,
      overrideAccess: false,
      ...asUser(customer),
    })
    orders++
    for (const status of workflow[index % workflow.length]) {
      await payload.update({
        collection: 'orders',
        id: order.id,
        data: { status },
        depth: 0,
        overrideAccess: false,
        ...asUser(staff),
      })
    }
    // Review the first product bought and one not bought (an unverified review).
    const reviewed = [...new Set([bought[0], productAt(index + 3)])]
    for (const [offset, product] of reviewed.entries()) {
      await payload.create({
        collection: 'reviews',
        data: {
          product: product.id,
          ...demoReviews[(index + offset) % demoReviews.length],
        } as Review,
        depth: 0,
        overrideAccess: false,
        ...asUser(customer),
      })
      reviews++
    }
  }
  log.info(`Seeded ${orders} orders and ${reviews} reviews.`)
}
