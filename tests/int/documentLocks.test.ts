/**
 * Payload's document locks (`payload-locked-documents`) and admin preferences: what each role may
 * do with them through the Local API acting for a user, and what is stored afterwards.
 */
import type { Payload } from 'payload'

import { LOCKED_DOCUMENTS_SLUG } from '../../src/lib/lockedDocuments'
import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, createUser, type TestUser } from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'

describe('document locks and preferences', () => {
  let payload: Payload
  let customer: TestUser
  let vendor: TestUser
  let staff: TestUser
  let admin: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    vendor = await createUser(payload, ['vendor'])
    staff = await createUser(payload, ['staff'])
    admin = await createUser(payload, ['admin'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const locksOn = async (productId: number) =>
    (
      await payload.find({
        collection: LOCKED_DOCUMENTS_SLUG,
        where: { 'document.value': { equals: productId } },
        depth: 0,
      })
    ).docs

  const lockFor = (productId: number, user: TestUser | undefined, inNameOf: TestUser) =>
    payload.create({
      collection: LOCKED_DOCUMENTS_SLUG,
      data: {
        document: { relationTo: 'products', value: productId },
        user: { relationTo: 'users', value: inNameOf.id },
      },
      user,
      overrideAccess: false,
    })

  it('refuses locks from users who cannot use the admin panel, so staff edits go through', async () => {
    const product = await createProduct(payload, { stock: 3 })
    for (const user of [undefined, customer, vendor]) {
      expect((await failureOf(lockFor(product.id, user, staff))).status).toBe(403)
    }
    expect(await locksOn(product.id)).toHaveLength(0)
    const updated = await payload.update({
      collection: 'products',
      id: product.id,
      data: { stock: 4 },
      user: staff,
      overrideAccess: false,
    })
    expect(updated.stock).toBe(4)
  })

  it('refuses listing who edits what to users who cannot use the admin panel', async () => {
    const product = await createProduct(payload)
    await lockFor(product.id, staff, staff)
    for (const user of [undefined, customer]) {
      const failure = await failureOf(
        payload.find({ collection: LOCKED_DOCUMENTS_SLUG, user, overrideAccess: false }),
      )
      expect(failure.status).toBe(403)
    }
    // A vendor sees only their own locks and those on their own products: not this one.
    const seenByVendor = await payload.find({
      collection: LOCKED_DOCUMENTS_SLUG,
      where: { 'document.value': { equals: product.id } },
      user: vendor,
      overrideAccess: false,
    })
    expect(seenByVendor.docs).toHaveLength(0)
    const seen = await payload.find({
      collection: LOCKED_DOCUMENTS_SLUG,
      where: { 'document.value': { equals: product.id } },
      user: admin,
      overrideAccess: false,
    })
    expect(seen.docs).toHaveLength(1)
  })

  it('records a lock in the name of whoever writes it, never a forged user', async () => {
    const product = await createProduct(payload)
    const lock = await lockFor(product.id, staff, admin)
    const [stored] = await locksOn(product.id)
    expect(stored.user).toEqual({ relationTo: 'users', value: staff.id })
    await payload.update({
      collection: LOCKED_DOCUMENTS_SLUG,
      id: lock.id,
      data: { user: { relationTo: 'users', value: admin.id } },
      user: staff,
      overrideAccess: false,
    })
    const [renewed] = await locksOn(product.id)
    expect(renewed.user).toEqual({ relationTo: 'users', value: staff.id })
  })

  it('keeps preferences to their owner, whatever user the body names', async () => {
    const key = `prefs-${customer.id}`
    const created = await payload.create({
      collection: 'payload-preferences',
      data: { key, value: { columns: [] }, user: { relationTo: 'users', value: admin.id } },
      user: customer,
      overrideAccess: false,
    })
    const stored = await payload.findByID({
      collection: 'payload-preferences',
      id: created.id,
      depth: 0,
    })
    expect(stored.user).toEqual({ relationTo: 'users', value: customer.id })
    const seenByOthers = await payload.find({
      collection: 'payload-preferences',
      where: { key: { equals: key } },
      user: vendor,
      overrideAccess: false,
    })
    expect(seenByOthers.docs).toHaveLength(0)
  })
})
