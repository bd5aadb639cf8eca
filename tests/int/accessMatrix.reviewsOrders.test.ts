import type { Payload } from 'payload'

import type { Order, Review } from '@/payload-types'
import { closePayload, initPayload } from '../helpers/payload'
import {
  createProduct,
  createUser,
  placeOrder,
  type TestUser,
  writeReview,
} from '../helpers/orderFixtures'

/**
 * Role × operation × own/other's document for reviews and orders, through the Local API acting
 * for each user (`overrideAccess: false`), asserting what is stored afterwards rather than only
 * what the call returned. `staffViaToken` is a staff user authenticated by API key: tokens carry
 * customer/vendor powers only, so it must behave like any customer who does not own the document.
 */
type Actor = 'anonymous' | 'owner' | 'other' | 'staff' | 'admin' | 'staffViaToken'
const ACTORS: Actor[] = ['anonymous', 'owner', 'other', 'staff', 'admin', 'staffViaToken']

type Expectation = Record<Actor, boolean>
const allow = (...actors: Actor[]): Expectation =>
  Object.fromEntries(ACTORS.map((actor) => [actor, actors.includes(actor)])) as Expectation

describe('access matrix: reviews and orders', () => {
  let payload: Payload
  const users = {} as Record<Exclude<Actor, 'anonymous'>, TestUser>
  /** A customer none of the actors is. */
  let bystander: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    users.owner = await createUser(payload, ['customer'])
    users.other = await createUser(payload, ['customer', 'vendor'])
    users.staff = await createUser(payload, ['staff'])
    users.admin = await createUser(payload, ['admin'])
    const tokenStaff = await createUser(payload, ['staff', 'customer'])
    users.staffViaToken = { ...tokenStaff, _strategy: 'api-key' } as TestUser
    bystander = await createUser(payload, ['customer'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const as = (actor: Actor) =>
    actor === 'anonymous'
      ? { overrideAccess: false as const }
      : { user: users[actor], overrideAccess: false as const }

  /** Runs a call that may be refused; a refusal must be 403 or 404, never anything else. */
  const attempt = async (call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call()
      return true
    } catch (error) {
      expect([401, 403, 404]).toContain((error as { status?: number }).status)
      return false
    }
  }

  describe('reviews', () => {
    const storedReview = (id: number) =>
      payload.find({
        collection: 'reviews',
        where: { id: { equals: id } },
        depth: 0,
        overrideAccess: true,
      })

    const newReview = async (hidden = false): Promise<Review> => {
      const product = await createProduct(payload)
      const review = await writeReview(payload, users.owner, product.id, 4, { body: 'original' })
      if (!hidden) return review
      return payload.update({
        collection: 'reviews',
        id: review.id,
        data: { status: 'hidden' },
        depth: 0,
        overrideAccess: true,
      })
    }

    const cases: Array<[string, Expectation, (actor: Actor) => Promise<boolean>]> = [
      [
        'read a published review',
        allow(...ACTORS),
        async (actor) => {
          const review = await newReview()
          return attempt(() =>
            payload.findByID({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
        },
      ],
      [
        'read a hidden review',
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const review = await newReview(true)
          const listed = await payload.find({
            collection: 'reviews',
            where: { id: { equals: review.id } },
            ...as(actor),
          })
          const found = await attempt(() =>
            payload.findByID({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
          expect(listed.totalDocs === 1).toBe(found)
          return found
        },
      ],
      [
        'edit the words of a review',
        allow('owner', 'admin'),
        async (actor) => {
          const review = await newReview()
          await attempt(() =>
            payload.update({
              collection: 'reviews',
              id: review.id,
              data: { body: 'changed', rating: 1 },
              ...as(actor),
            }),
          )
          const { docs } = await storedReview(review.id)
          expect(docs[0].rating === 1).toBe(docs[0].body === 'changed')
          return docs[0].body === 'changed'
        },
      ],
      [
        'hide a review',
        allow('staff', 'admin'),
        async (actor) => {
          const review = await newReview()
          await attempt(() =>
            payload.update({
              collection: 'reviews',
              id: review.id,
              data: { status: 'hidden' },
              ...as(actor),
            }),
          )
          return (await storedReview(review.id)).docs[0].status === 'hidden'
        },
      ],
      [
        'delete a review',
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const review = await newReview()
          await attempt(() =>
            payload.delete({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
          return (await storedReview(review.id)).totalDocs === 0
        },
      ],
      [
        'write a review',
        allow('owner', 'other', 'staff', 'admin', 'staffViaToken'),
        async (actor) => {
          const product = await createProduct(payload)
          await attempt(() =>
            payload.create({
              collection: 'reviews',
              data: { product: product.id, rating: 5 } as Review,
              ...as(actor),
            }),
          )
          return (
            (
              await payload.count({
                collection: 'reviews',
                where: { product: { equals: product.id } },
              })
            ).totalDocs === 1
          )
        },
      ],
    ]

    for (const [operation, expected, run] of cases) {
      for (const actor of ACTORS) {
        it(`${actor} ${expected[actor] ? 'may' : 'may not'} ${operation}`, async () => {
          expect(await run(actor)).toBe(expected[actor])
        })
      }
    }
  })

  describe('orders', () => {
    const storedOrder = async (id: number): Promise<Order | undefined> =>
      (
        await payload.find({
          collection: 'orders',
          where: { id: { equals: id } },
          depth: 0,
          overrideAccess: true,
        })
      ).docs[0]

    const newOrder = async (): Promise<Order> => {
      const product = await createProduct(payload, { stock: 5 })
      return placeOrder(payload, users.owner, [{ product: product.id, quantity: 1 }])
    }

    const cases: Array<[string, Expectation, (actor: Actor) => Promise<boolean>]> = [
      [
        "read the owner's order",
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const order = await newOrder()
          const listed = await attempt(async () => {
            const { totalDocs } = await payload.find({
              collection: 'orders',
              where: { id: { equals: order.id } },
              ...as(actor),
            })
            if (totalDocs !== 1) throw Object.assign(new Error('not listed'), { status: 404 })
          })
          const found = await attempt(() =>
            payload.findByID({ collection: 'orders', id: order.id, ...as(actor) }),
          )
          expect(listed).toBe(found)
          return found
        },
      ],
      [
        "edit the notes of the owner's pending order",
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const order = await newOrder()
          await attempt(() =>
            payload.update({
              collection: 'orders',
              id: order.id,
              data: { notes: 'changed' },
              ...as(actor),
            }),
          )
          return (await storedOrder(order.id))?.notes === 'changed'
        },
      ],
      [
        "mark the owner's order paid",
        allow('staff', 'admin'),
        async (actor) => {
          const order = await newOrder()
          await attempt(() =>
            payload.update({
              collection: 'orders',
              id: order.id,
              data: { status: 'paid' },
              ...as(actor),
            }),
          )
          return (await storedOrder(order.id))?.status === 'paid'
        },
      ],
      [
        "cancel the owner's pending order",
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const order = await newOrder()
          await attempt(() =>
            payload.update({
              collection: 'orders',
              id: order.id,
              data: { status: 'cancelled' },
              ...as(actor),
            }),
          )
          return (await storedOrder(order.id))?.status === 'cancelled'
        },
      ],
      [
        "delete the owner's pending order",
        allow('owner', 'staff', 'admin'),
        async (actor) => {
          const order = await newOrder()
          await attempt(() => payload.delete({ collection: 'orders', id: order.id, ...as(actor) }))
          return (await storedOrder(order.id)) === undefined
        },
      ],
      [
        'place an order for another customer',
        allow('staff', 'admin'),
        async (actor) => {
          const product = await createProduct(payload, { stock: 5 })
          await attempt(() =>
            payload.create({
              collection: 'orders',
              data: {
                customer: bystander.id,
                items: [{ product: product.id, quantity: 1 }],
                shippingAddress: { name: 'A', lines: 'B', city: 'C', postcode: 'D', country: 'E' },
              } as Order,
              ...as(actor),
            }),
          )
          const { totalDocs } = await payload.count({
            collection: 'orders',
            where: {
              'items.product': { equals: product.id },
              customer: { equals: bystander.id },
            },
          })
          return totalDocs === 1
        },
      ],
    ]

    for (const [operation, expected, run] of cases) {
      for (const actor of ACTORS) {
        it(`${actor} ${expected[actor] ? 'may' : 'may not'} ${operation}`, async () => {
          expect(await run(actor)).toBe(expected[actor])
        })
      }
    }
  })
})
