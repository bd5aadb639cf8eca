/**
 * The products trash: who sees trashed products (`trash: true`), who restores them, and what a
 * trashed product stores. Local API acting for each role, as REST and GraphQL run.
 */
import type { Payload } from 'payload'

import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, createUser, storedProduct, type TestUser } from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'

describe('products trash', () => {
  let payload: Payload
  let customer: TestUser
  let vendor: TestUser
  let otherVendor: TestUser
  let staff: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    vendor = await createUser(payload, ['vendor'])
    otherVendor = await createUser(payload, ['vendor'])
    staff = await createUser(payload, ['staff'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const trashAs = (user: TestUser, id: number) =>
    payload.update({
      collection: 'products',
      id,
      data: { deletedAt: new Date().toISOString() },
      user,
      overrideAccess: false,
    })

  const restoreAs = (user: TestUser, id: number) =>
    payload.update({
      collection: 'products',
      id,
      data: { deletedAt: null },
      trash: true,
      user,
      overrideAccess: false,
    })

  const trashedIdsSeenBy = async (user: TestUser | undefined, id: number) => {
    const { docs } = await payload.find({
      collection: 'products',
      where: { id: { equals: id } },
      trash: true,
      user,
      overrideAccess: false,
    })
    return docs.map((doc) => doc.id)
  }

  it('shows a trashed product only to its vendor and staff', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    await trashAs(staff, product.id)
    for (const user of [undefined, customer, otherVendor]) {
      expect(await trashedIdsSeenBy(user, product.id)).toEqual([])
      const failure = await failureOf(
        payload.findByID({
          collection: 'products',
          id: product.id,
          trash: true,
          user,
          overrideAccess: false,
        }),
      )
      expect(failure.status).toBe(404)
    }
    for (const user of [vendor, staff]) {
      expect(await trashedIdsSeenBy(user, product.id)).toEqual([product.id])
      const found = await payload.findByID({
        collection: 'products',
        id: product.id,
        trash: true,
        user,
        overrideAccess: false,
      })
      expect(found.deletedAt).toBeTruthy()
    }
  })

  it('still lists live products to everyone with trash: true', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    expect(await trashedIdsSeenBy(undefined, product.id)).toEqual([product.id])
    const { totalDocs } = await payload.count({
      collection: 'products',
      where: { id: { equals: product.id } },
      trash: true,
      overrideAccess: false,
    })
    expect(totalDocs).toBe(1)
  })

  it('stores a trashed product as unavailable', async () => {
    const product = await createProduct(payload, { owner: vendor.id, stock: 5 })
    expect(product.available).toBe(true)
    await trashAs(vendor, product.id)
    const stored = await storedProduct(payload, product.id)
    expect(stored.available).toBe(false)
  })

  it('refuses a vendor restoring a product, which stays in the trash', async () => {
    const byStaff = await createProduct(payload, { owner: vendor.id })
    const byVendor = await createProduct(payload, { owner: vendor.id })
    await trashAs(staff, byStaff.id)
    await trashAs(vendor, byVendor.id)
    for (const id of [byStaff.id, byVendor.id]) {
      const failure = await failureOf(restoreAs(vendor, id))
      expect(failure.status).toBe(403)
      expect(failure.message).toBe('Only staff can restore a product from the trash')
      const stored = await storedProduct(payload, id)
      expect(stored.deletedAt).toBeTruthy()
      expect(stored.available).toBe(false)
    }
  })

  it('lets a vendor edit their trashed product without restoring it', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    await trashAs(vendor, product.id)
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { stock: 3 },
      trash: true,
      user: vendor,
      overrideAccess: false,
    })
    const stored = await storedProduct(payload, product.id)
    expect(stored.stock).toBe(3)
    expect(stored.deletedAt).toBeTruthy()
    expect(stored.available).toBe(false)
  })

  it('lets staff restore a product, available again', async () => {
    const product = await createProduct(payload, { owner: vendor.id, stock: 2 })
    await trashAs(vendor, product.id)
    const restored = await restoreAs(staff, product.id)
    expect(restored.deletedAt).toBeFalsy()
    const stored = await storedProduct(payload, product.id)
    expect(stored).toMatchObject({ deletedAt: null, available: true })
  })
})
