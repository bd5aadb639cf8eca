import type { Payload, Where } from 'payload'

import type { Order, Product } from '@/payload-types'
import { MAX_SERIAL_ID } from '../../src/lib/serialId'
import {
  createCategory,
  createProduct,
  createUser,
  stockOf,
  testAddress,
  type TestUser,
  writeReview,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

describe('ids beyond what a serial column holds', () => {
  let payload: Payload
  let customer: TestUser
  let staff: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    staff = await createUser(payload, ['staff'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  it('answers an order line for product 2^31 with 400 naming the line, not a 500', async () => {
    const product = await createProduct(payload, { stock: 5 })
    const failure = await failureOf(
      payload.create({
        collection: 'orders',
        data: {
          items: [
            { product: product.id, quantity: 1 },
            { product: MAX_SERIAL_ID + 1, quantity: 1 },
          ],
          shippingAddress: testAddress,
        } as Order,
        user: customer,
        overrideAccess: false,
      }),
    )
    expect(failure).toMatchObject({ status: 400, paths: ['items.1.product'] })
    expect(failure.messages[0]).toBe(`${MAX_SERIAL_ID + 1} is not a valid id`)
    expect(await stockOf(payload, product.id)).toBe(5)
  })

  it.each([
    ['a category', { category: 99_999_999_999 }, 'category'],
    ['a picture', { images: [1.5] }, 'images'],
  ])('answers %s id that cannot exist with 400 naming the field', async (_what, data, path) => {
    const failure = await failureOf(
      payload.create({
        collection: 'products',
        data: { brand: 'Acme', model: 'Odd', price: 5, stock: 1, ...data } as Product,
        user: staff,
        overrideAccess: false,
      }),
    )
    expect(failure).toMatchObject({ status: 400, paths: [path] })
  })

  it('answers where filters comparing ids with what no id can be with 400', async () => {
    for (const where of <Where[]>[
      { category: { equals: 'phones' } },
      { id: { in: [1, MAX_SERIAL_ID + 1] } },
      { or: [{ brand: { equals: 'x' } }, { 'category.parent': { equals: 1e12 } }] },
      { 'images.id': { not_in: '3,99999999999' } },
    ]) {
      const failure = await failureOf(
        payload.find({ collection: 'products', where, overrideAccess: false }),
      )
      expect(failure.status).toBe(400)
      expect(failure.message).toMatch(/is not a valid id for "/)
    }
    for (const where of <Where[]>[
      { category: { equals: null } },
      { category: { exists: false } },
      { id: { in: ['1', 2] } },
      { owner: { equals: MAX_SERIAL_ID } },
    ]) {
      await expect(
        payload.find({ collection: 'products', where, overrideAccess: false }),
      ).resolves.toMatchObject({ docs: expect.any(Array) })
    }
  })

  it('answers a read of id 2^31 as not found', async () => {
    const failure = await failureOf(
      payload.findByID({ collection: 'products', id: MAX_SERIAL_ID + 1, overrideAccess: false }),
    )
    expect(failure.status).toBe(404)
  })

  it('lets the largest serial id through to the existence check', async () => {
    const failure = await failureOf(
      payload.create({
        collection: 'products',
        data: {
          brand: 'Acme',
          model: 'Max',
          price: 5,
          stock: 1,
          category: MAX_SERIAL_ID,
        } as Product,
        user: staff,
        overrideAccess: false,
      }),
    )
    expect(failure).toMatchObject({ status: 400, paths: ['category'] })
    expect(failure.messages[0]).toBe(`There is no category ${MAX_SERIAL_ID}.`)
  })

  /** Whether an update and a delete of `id` by `user` fail, with which status and message. */
  const refusalsFor = async (
    collection: 'users' | 'products' | 'reviews' | 'categories',
    id: number,
    user: TestUser | null,
  ) => [
    await failureOf(payload.update({ collection, id, data: {}, user, overrideAccess: false })).then(
      ({ status, message }) => ({ status, message }),
    ),
    await failureOf(payload.delete({ collection, id, user, overrideAccess: false })).then(
      ({ status, message }) => ({ status, message }),
    ),
  ]

  // The row lock every write by id takes comes before Payload's access check: a missing row must
  // not be answered there, or its 404 would tell callers without access which ids exist.
  it('refuses callers without access the same way whether the document exists or not', async () => {
    const owner = await createUser(payload, ['customer'])
    const stranger = await createUser(payload, ['customer'])
    const product = await createProduct(payload, { stock: 3 })
    const review = await writeReview(payload, owner, product.id, 4)
    const category = await createCategory(payload)
    const existing = {
      users: owner.id,
      products: product.id,
      reviews: review.id,
      categories: category.id,
    } as const
    for (const [collection, id] of Object.entries(existing) as [keyof typeof existing, number][]) {
      for (const caller of [null, stranger]) {
        const missing = await refusalsFor(collection, MAX_SERIAL_ID, caller)
        expect({
          collection,
          caller: caller?.id,
          refusals: await refusalsFor(collection, id, caller),
        }).toEqual({ collection, caller: caller?.id, refusals: missing })
      }
    }
    expect(await payload.findByID({ collection: 'users', id: owner.id, depth: 0 })).toBeTruthy()
    expect(await stockOf(payload, product.id)).toBe(3)
  })
})
