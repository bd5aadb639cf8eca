import type { Payload } from 'payload'

import { createProduct, createUser, placeOrder, writeReview } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

describe('deleting users', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await initPayload()
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const deleteAsAdmin = async (id: number) => {
    const admin = await createUser(payload, ['admin'])
    return payload.delete({ collection: 'users', id, user: admin, overrideAccess: false })
  }

  const refusal = async (id: number) => {
    try {
      await deleteAsAdmin(id)
    } catch (error) {
      return error as { status: number; message: string }
    }
    throw new Error('expected the delete to be refused')
  }

  it('refuses with 409 for a customer with orders and reviews, and keeps them', async () => {
    const customer = await createUser(payload)
    const product = await createProduct(payload, { stock: 5 })
    const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
    await writeReview(payload, customer, product.id, 4)

    const error = await refusal(customer.id)
    expect(error.status).toBe(409)
    expect(error.message).toBe(
      'This user still has 1 order, 1 review, which must keep resolving; the account cannot be deleted.',
    )
    const stillThere = await payload.findByID({ collection: 'orders', id: order.id, depth: 0 })
    expect(stillThere.customer).toBe(customer.id)
  })

  it('refuses with 409 for a vendor whose product is in the trash', async () => {
    const vendor = await createUser(payload, ['vendor'])
    const product = await createProduct(payload, { owner: vendor.id })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    const error = await refusal(vendor.id)
    expect(error.status).toBe(409)
    expect(error.message).toMatch(/1 product\b/)
  })

  it('deletes a user with no history', async () => {
    const customer = await createUser(payload)
    await deleteAsAdmin(customer.id)
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { id: { equals: customer.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('deletes a user once under parallel deletes and edits: the others answer 404, never 500', async () => {
    const admin = await createUser(payload, ['admin'])
    const customer = await createUser(payload)
    const options = { id: customer.id, depth: 0, user: admin, overrideAccess: false } as const
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        index % 4 === 3
          ? payload.update({ collection: 'users', data: { name: `Edit ${index}` }, ...options })
          : payload.delete({ collection: 'users', ...options }),
      ),
    )
    for (const result of results) {
      if (result.status === 'rejected' && result.reason.status !== 404) throw result.reason
    }
    const deletes = results.filter(
      (result, index) => index % 4 !== 3 && result.status === 'fulfilled',
    )
    expect(deletes).toHaveLength(1)
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { id: { equals: customer.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('keeps a role change made while the user edits their own profile (no lost update)', async () => {
    const admin = await createUser(payload, ['admin'])
    for (let round = 0; round < 3; round++) {
      const user = await createUser(payload)
      await Promise.all([
        ...Array.from({ length: 3 }, (_, index) =>
          payload.update({
            collection: 'users',
            id: user.id,
            data: { name: `Renamed ${index}` },
            depth: 0,
            user,
            overrideAccess: false,
          }),
        ),
        payload.update({
          collection: 'users',
          id: user.id,
          data: { roles: ['vendor'] },
          depth: 0,
          user: admin,
          overrideAccess: false,
        }),
      ])
      const stored = await payload.findByID({ collection: 'users', id: user.id, depth: 0 })
      expect(stored.roles).toEqual(['vendor'])
      expect(stored.name).toMatch(/^Renamed \d$/)
    }
  })
})
