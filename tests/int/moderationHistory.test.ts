/**
 * The products' moderation history through the Local API: what each change appends (and what a
 * refused change does not), and the exact outcome of each role's read and write of
 * `product-moderation-events` acting as that user (`overrideAccess: false`).
 */
import type { Payload } from 'payload'

import type { Product } from '@/payload-types'
import {
  type Actor,
  as,
  createProduct,
  createUser,
  type TestUser,
  unique,
} from '../helpers/fixtures'
import { expectOutcome, FORBIDDEN, type Outcome, settle } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
const users: Partial<Record<Exclude<Actor, 'anonymous'>, TestUser>> = {}
let otherVendor: TestUser
let product: Product

/** The product's history as the server reads it, oldest first. */
const history = async (id: number) =>
  (
    await payload.find({
      collection: 'product-moderation-events',
      where: { product: { equals: id } },
      sort: ['createdAt', 'id'],
      depth: 0,
      pagination: false,
    })
  ).docs.map(({ from, to, by, reason }) => ({ from, to, by, reason }))

beforeAll(async () => {
  payload = await initPayload()
  for (const role of ['customer', 'vendor', 'staff', 'admin'] as const) {
    users[role] = await createUser(payload, [role])
  }
  otherVendor = await createUser(payload, ['vendor'])
  product = await payload.create({
    collection: 'products',
    // The status is left out on purpose: a new product's own default decides it.
    data: {
      brand: 'Acme',
      model: 'History',
      slug: `history-${unique()}`,
      price: 10,
      stock: 2,
    } as Product,
    ...as(users.vendor),
  })
})

afterAll(async () => {
  await closePayload(payload)
})

describe('what the history records', () => {
  it('appends each decision, and nothing for a refused one', async () => {
    await expect(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { status: 'rejected' },
        ...as(users.staff),
      }),
    ).rejects.toMatchObject({ status: 400 })
    expect(await history(product.id)).toEqual([
      { from: null, to: 'pending', by: users.vendor!.id, reason: null },
    ])
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { status: 'rejected', rejectionReason: '  Blurry  ' },
      ...as(users.staff),
    })
    expect(await history(product.id)).toEqual([
      { from: null, to: 'pending', by: users.vendor!.id, reason: null },
      { from: 'pending', to: 'rejected', by: users.staff!.id, reason: 'Blurry' },
    ])
  })

  it('records server code (no user) as nobody, and a creation by staff as approved', async () => {
    const seeded = await createProduct(payload, { status: 'rejected' })
    expect(await history(seeded.id)).toEqual([
      { from: null, to: 'rejected', by: null, reason: 'Rejected for the test' },
    ])
    const byStaff = await payload.create({
      collection: 'products',
      data: {
        brand: 'Acme',
        model: 'Pick',
        slug: `pick-${unique()}`,
        price: 5,
        stock: 1,
      } as Product,
      ...as(users.staff),
    })
    expect(await history(byStaff.id)).toEqual([
      { from: null, to: 'approved', by: users.staff!.id, reason: null },
    ])
  })
})

describe('who reads and writes the history (Local API, acting as the user)', () => {
  const readers: Array<[Actor | 'other vendor', number | Outcome]> = [
    ['anonymous', FORBIDDEN],
    ['customer', 0],
    ['other vendor', 0],
    ['vendor', 2],
    ['staff', 2],
    ['admin', 2],
  ]

  const userOf = (who: Actor | 'other vendor') =>
    who === 'other vendor' ? otherVendor : who === 'anonymous' ? undefined : users[who]

  it.each(readers)('%s reads the owner’s product history: %p', async (who, expected) => {
    const settled = await settle(
      payload.find({
        collection: 'product-moderation-events',
        where: { product: { equals: product.id } },
        ...as(userOf(who)),
      }),
    )
    if (typeof expected === 'number') {
      expectOutcome(settled, 'done')
      expect((settled as { value: { totalDocs: number } }).value.totalDocs).toBe(expected)
    } else {
      expectOutcome(settled, expected)
    }
  })

  it.each(['anonymous', 'customer', 'vendor', 'staff', 'admin'] as const)(
    '%s cannot create, change or delete an event',
    async (who) => {
      const user = userOf(who)
      const [event] = (
        await payload.find({
          collection: 'product-moderation-events',
          where: { product: { equals: product.id } },
          limit: 1,
        })
      ).docs
      expectOutcome(
        await settle(
          payload.create({
            collection: 'product-moderation-events',
            data: { product: product.id, to: 'approved' },
            ...as(user),
          }),
        ),
        FORBIDDEN,
      )
      expectOutcome(
        await settle(
          payload.update({
            collection: 'product-moderation-events',
            id: event.id,
            data: { reason: 'forged' },
            ...as(user),
          }),
        ),
        FORBIDDEN,
      )
      expectOutcome(
        await settle(
          payload.delete({ collection: 'product-moderation-events', id: event.id, ...as(user) }),
        ),
        FORBIDDEN,
      )
      expect(await history(product.id)).toHaveLength(2)
    },
  )
})
