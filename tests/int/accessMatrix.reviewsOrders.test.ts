import type { Payload } from 'payload'

import type { Order, Review } from '@/payload-types'
import { closePayload, initPayload } from '../helpers/payload'
import {
  createProduct,
  createUser,
  placeOrder,
  type TestUser,
  writeReview,
} from '../helpers/fixtures'
import {
  apiError,
  describeOutcome,
  DONE,
  expectOutcome,
  FORBIDDEN,
  NO_EFFECT,
  NOT_FOUND,
  type Outcome,
  settle,
  type Settled,
} from '../helpers/outcome'

/**
 * Role × operation × own/other's document for reviews and orders, through the Local API acting
 * for each user (`overrideAccess: false`), asserting what is stored afterwards rather than only
 * what the call returned, and the exact outcome of each call: done, no effect (answered, nothing
 * changed), or the exact Payload error (a crash or any other error fails the test).
 * `staffViaToken` is a staff user authenticated by API key: tokens carry customer/vendor powers
 * only, so it must behave like any customer who does not own the document.
 */
type Actor = 'anonymous' | 'owner' | 'other' | 'staff' | 'admin' | 'staffViaToken'
const ACTORS: Actor[] = ['anonymous', 'owner', 'other', 'staff', 'admin', 'staffViaToken']

type Expectation = Record<Actor, Outcome>
/** Outcomes in the order of ACTORS: anonymous, owner, other, staff, admin, staffViaToken. */
const row = (...outcomes: Outcome[]): Expectation =>
  Object.fromEntries(ACTORS.map((actor, i) => [actor, outcomes[i]])) as Expectation
const [OK, NO, F, NF] = [DONE, NO_EFFECT, FORBIDDEN, NOT_FOUND]
/** The order workflow's refusal of a customer's forward move. */
const STAFF_ONLY = apiError(403, 'Only staff can move an order forward')

/** How a case's call settled, and whether the stored state shows it happened. */
type Result = { settled: Settled; happened: boolean }
type Case = [string, Expectation, (actor: Actor, expected: Outcome) => Promise<Result>]

const defineTests = (cases: Case[]) => {
  for (const [operation, expected, run] of cases) {
    for (const actor of ACTORS) {
      const outcome = expected[actor]
      const name =
        outcome === DONE
          ? `${actor} may ${operation}`
          : `${actor} may not ${operation} (${describeOutcome(outcome)})`
      it(name, async () => {
        const { settled, happened } = await run(actor, outcome)
        expectOutcome(settled, outcome)
        expect(happened).toBe(outcome === DONE)
      })
    }
  }
}

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

    defineTests([
      [
        'read a published review',
        row(OK, OK, OK, OK, OK, OK),
        async (actor) => {
          const review = await newReview()
          const settled = await settle(
            payload.findByID({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
          return { settled, happened: 'value' in settled }
        },
      ],
      [
        'read a hidden review',
        row(NF, OK, NF, OK, OK, NF),
        async (actor) => {
          const review = await newReview(true)
          const listed = await payload.find({
            collection: 'reviews',
            where: { id: { equals: review.id } },
            ...as(actor),
          })
          const settled = await settle(
            payload.findByID({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
          const found = 'value' in settled
          expect(listed.totalDocs === 1).toBe(found)
          return { settled, happened: found }
        },
      ],
      [
        'edit the words of a review',
        row(F, OK, F, NO, OK, F),
        async (actor) => {
          const review = await newReview()
          const settled = await settle(
            payload.update({
              collection: 'reviews',
              id: review.id,
              data: { body: 'changed', rating: 1 },
              ...as(actor),
            }),
          )
          const { docs } = await storedReview(review.id)
          expect(docs[0].rating === 1).toBe(docs[0].body === 'changed')
          return { settled, happened: docs[0].body === 'changed' }
        },
      ],
      [
        'hide a review',
        row(F, NO, F, OK, OK, F),
        async (actor) => {
          const review = await newReview()
          const settled = await settle(
            payload.update({
              collection: 'reviews',
              id: review.id,
              data: { status: 'hidden' },
              ...as(actor),
            }),
          )
          return { settled, happened: (await storedReview(review.id)).docs[0].status === 'hidden' }
        },
      ],
      [
        'delete a review',
        row(F, OK, F, OK, OK, F),
        async (actor) => {
          const review = await newReview()
          const settled = await settle(
            payload.delete({ collection: 'reviews', id: review.id, ...as(actor) }),
          )
          return { settled, happened: (await storedReview(review.id)).totalDocs === 0 }
        },
      ],
      [
        'write a review',
        row(F, OK, OK, OK, OK, OK),
        async (actor) => {
          const product = await createProduct(payload)
          const settled = await settle(
            payload.create({
              collection: 'reviews',
              data: { product: product.id, rating: 5 } as Review,
              ...as(actor),
            }),
          )
          const { totalDocs } = await payload.count({
            collection: 'reviews',
            where: { product: { equals: product.id } },
          })
          return { settled, happened: totalDocs === 1 }
        },
      ],
    ])
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

    /** Updates the owner's new pending order as `actor`. */
    const updateOrder = async (actor: Actor, data: Partial<Order>) => {
      const order = await newOrder()
      const settled = await settle(
        payload.update({ collection: 'orders', id: order.id, data, ...as(actor) }),
      )
      return { settled, stored: await storedOrder(order.id) }
    }

    defineTests([
      [
        "read the owner's order",
        row(F, OK, NF, OK, OK, NF),
        async (actor, expected) => {
          const order = await newOrder()
          const list = await settle(
            payload.find({
              collection: 'orders',
              where: { id: { equals: order.id } },
              ...as(actor),
            }),
          )
          // Access that says no refuses the list too; one that filters leaves the order out.
          expectOutcome(list, expected === FORBIDDEN ? FORBIDDEN : DONE)
          const listed = 'value' in list && list.value.totalDocs === 1
          const settled = await settle(
            payload.findByID({ collection: 'orders', id: order.id, ...as(actor) }),
          )
          expect(listed).toBe('value' in settled)
          return { settled, happened: 'value' in settled }
        },
      ],
      [
        "edit the notes of the owner's pending order",
        row(F, OK, NF, OK, OK, NF),
        async (actor) => {
          const { settled, stored } = await updateOrder(actor, { notes: 'changed' })
          return { settled, happened: stored?.notes === 'changed' }
        },
      ],
      [
        "mark the owner's order paid",
        row(F, STAFF_ONLY, NF, OK, OK, NF),
        async (actor) => {
          const { settled, stored } = await updateOrder(actor, { status: 'paid' })
          return { settled, happened: stored?.status === 'paid' }
        },
      ],
      [
        "cancel the owner's pending order",
        row(F, OK, NF, OK, OK, NF),
        async (actor) => {
          const { settled, stored } = await updateOrder(actor, { status: 'cancelled' })
          return { settled, happened: stored?.status === 'cancelled' }
        },
      ],
      [
        "delete the owner's pending order",
        row(F, OK, NF, OK, OK, NF),
        async (actor) => {
          const order = await newOrder()
          const settled = await settle(
            payload.delete({ collection: 'orders', id: order.id, ...as(actor) }),
          )
          return { settled, happened: (await storedOrder(order.id)) === undefined }
        },
      ],
      [
        'place an order for another customer',
        row(F, NO, NO, OK, OK, NO),
        async (actor) => {
          const product = await createProduct(payload, { stock: 5 })
          const settled = await settle(
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
          return { settled, happened: totalDocs === 1 }
        },
      ],
    ])
  })
})
