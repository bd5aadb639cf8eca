/**
 * The audit log: each change of a product, order, category or user role leaves exactly one entry
 * with the right diff and actor, written in the change's transaction (a failure after the hook
 * leaves none; a failing entry fails the change), bulk and concurrent writes included; nobody
 * writes, changes or deletes entries, through the Local API or the database itself.
 */
import type { CollectionAfterChangeHook, Payload } from 'payload'

import type { AuditLog } from '@/payload-types'
import { databasePool } from '../../src/lib/databasePool'
import {
  as,
  createCategory,
  createProduct,
  createUser,
  PASSWORD,
  placeOrder,
  storedProduct,
  testAddress,
  type TestUser,
} from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

type Audited = AuditLog['targetCollection']

describe('audit log', () => {
  let payload: Payload
  let admin: TestUser
  let staff: TestUser
  let vendor: TestUser
  let customer: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    admin = await createUser(payload, ['admin'])
    staff = await createUser(payload, ['staff'])
    vendor = await createUser(payload, ['vendor'])
    customer = await createUser(payload, ['customer'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  /** The document's entries, oldest first, as stored. */
  const entriesFor = async (collection: Audited, id: number): Promise<AuditLog[]> =>
    (
      await payload.find({
        collection: 'audit-log',
        where: {
          and: [{ targetCollection: { equals: collection } }, { documentId: { equals: id } }],
        },
        sort: 'id',
        limit: 100,
        depth: 0,
        overrideAccess: true,
      })
    ).docs

  const lastEntryFor = async (collection: Audited, id: number): Promise<AuditLog> => {
    const entries = await entriesFor(collection, id)
    return entries[entries.length - 1]
  }

  it('records a product update by staff once, with the changed fields and their before/after', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    const before = (await entriesFor('products', product.id)).length
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { price: 12.5, stock: 4 },
      ...as(staff),
    })
    const entries = await entriesFor('products', product.id)
    expect(entries).toHaveLength(before + 1)
    expect(entries[entries.length - 1]).toMatchObject({
      operation: 'update',
      targetCollection: 'products',
      documentId: product.id,
      actorId: staff.id,
      actorName: staff.username,
      actorRoles: 'staff',
      actorStrategy: 'session',
      changedFields: 'price, finalPrice, stock',
      changes: {
        price: { before: 10, after: 12.5 },
        finalPrice: { before: 10, after: 12.5 },
        stock: { before: 10, after: 4 },
      },
      summary: `products #${product.id} update: price, finalPrice, stock`,
    })
  })

  it('records the creation of a product with its values and no before', async () => {
    const product = await payload.create({
      collection: 'products',
      data: {
        brand: 'Audit',
        model: 'Created',
        slug: 'audit-created',
        status: 'pending',
        price: 3,
        stock: 2,
      },
      ...as(vendor),
    })
    const entries = await entriesFor('products', product.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      operation: 'create',
      actorId: vendor.id,
      actorRoles: 'vendor',
      changes: { price: { after: 3 }, status: { after: 'pending' }, owner: { after: vendor.id } },
    })
    expect(entries[0].changes).not.toHaveProperty('price.before')
  })

  it('names a move to the trash, a restore and a delete for good', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { deletedAt: new Date().toISOString() },
      ...as(vendor),
    })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { deletedAt: null },
      trash: true,
      ...as(staff),
    })
    await payload.delete({ collection: 'products', id: product.id, ...as(admin) })
    const entries = await entriesFor('products', product.id)
    expect(entries.map((entry) => [entry.operation, entry.actorId])).toEqual([
      ['create', null],
      ['trash', vendor.id],
      ['restore', staff.id],
      ['delete', admin.id],
    ])
    expect(entries[1].changedFields).toBe('available, deletedAt')
    expect(entries[3].changes).toMatchObject({ brand: { before: 'Acme' }, price: { before: 10 } })
    expect(entries[3].changes).not.toHaveProperty('brand.after')
  })

  it('records a product update made with an API token as such, with the roles it acts with', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { stock: 3 },
      user: { ...vendor, _strategy: 'api-token' },
      overrideAccess: false,
    })
    expect(await lastEntryFor('products', product.id)).toMatchObject({
      actorId: vendor.id,
      actorStrategy: 'api-token',
      actorRoles: 'vendor',
    })
  })

  it('leaves no entry for a save that changes nothing recorded', async () => {
    const product = await createProduct(payload)
    const before = (await entriesFor('products', product.id)).length
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { stock: 10 },
      ...as(staff),
    })
    expect(await entriesFor('products', product.id)).toHaveLength(before)
  })

  it('records an order status change once, and never the shipping address', async () => {
    const product = await createProduct(payload, { stock: 5 })
    const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
    // Default depth: the hook's doc has its lines' products populated, the previous one ids.
    await payload.update({
      collection: 'orders',
      id: order.id,
      data: { status: 'paid' },
      ...as(staff),
    })
    const entries = await entriesFor('orders', order.id)
    expect(entries.map((entry) => entry.operation)).toEqual(['create', 'update'])
    expect(entries[0]).toMatchObject({ actorId: customer.id, actorRoles: 'customer' })
    expect(entries[0].changedFields).toContain('shippingAddress')
    expect(entries[0].changes).toMatchObject({
      status: { after: 'pending' },
      total: { after: 20 },
      customer: { after: customer.id },
    })
    expect(entries[1]).toMatchObject({
      actorId: staff.id,
      changedFields: 'status',
      changes: { status: { before: 'pending', after: 'paid' } },
    })
    const stored = JSON.stringify(entries)
    for (const secret of Object.values(testAddress)) expect(stored).not.toContain(secret)
    expect(stored).not.toContain('shippingAddressEncrypted')
  })

  it('records a category change once', async () => {
    const category = await createCategory(payload)
    await payload.update({
      collection: 'categories',
      id: category.id,
      data: { description: 'Now with a description' },
      ...as(staff),
    })
    const entries = await entriesFor('categories', category.id)
    expect(entries.map((entry) => entry.operation)).toEqual(['create', 'update'])
    expect(entries[1]).toMatchObject({
      actorId: staff.id,
      changedFields: 'description',
      changes: { description: { before: null, after: 'Now with a description' } },
    })
  })

  it('records a role change once, profile edits not at all, and never credentials', async () => {
    const user = await createUser(payload, ['customer'])
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { name: 'Renamed' },
      ...as(user),
    })
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { password: 'Another-Strong-Passw0rd!' },
      ...as(admin),
    })
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { roles: ['customer', 'vendor'] },
      ...as(admin),
    })
    const entries = await entriesFor('users', user.id)
    expect(entries.map((entry) => entry.operation)).toEqual(['create', 'update'])
    expect(entries[1]).toMatchObject({
      actorId: admin.id,
      actorRoles: 'admin',
      changedFields: 'roles',
      changes: { roles: { before: ['customer'], after: ['customer', 'vendor'] } },
    })
    const stored = JSON.stringify(entries)
    for (const secret of [PASSWORD, 'Another-Strong', 'hash', 'salt', 'Renamed', 'email']) {
      expect(stored).not.toContain(secret)
    }
  })

  it('records a user deletion, and the entries outlive the account', async () => {
    const user = await createUser(payload, ['vendor'])
    await payload.delete({ collection: 'users', id: user.id, ...as(admin) })
    expect(await lastEntryFor('users', user.id)).toMatchObject({
      operation: 'delete',
      changes: { roles: { before: ['vendor'] } },
    })
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { id: { equals: user.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('records each document of a bulk update and a bulk delete', async () => {
    const brand = `Bulk${Date.now()}`
    const products = await Promise.all([1, 2, 3].map(() => createProduct(payload, { brand })))
    const result = await payload.update({
      collection: 'products',
      where: { brand: { equals: brand } },
      data: { discount: 10 },
      ...as(staff),
    })
    expect(result.docs).toHaveLength(3)
    const categories = await Promise.all([1, 2].map(() => createCategory(payload)))
    await payload.delete({
      collection: 'categories',
      where: { id: { in: categories.map((category) => category.id) } },
      ...as(staff),
    })
    for (const product of products) {
      expect(await lastEntryFor('products', product.id)).toMatchObject({
        operation: 'update',
        actorId: staff.id,
        changes: { discount: { before: 0, after: 10 }, finalPrice: { before: 10, after: 9 } },
      })
    }
    for (const category of categories) {
      const entries = await entriesFor('categories', category.id)
      expect(entries.map((entry) => entry.operation)).toEqual(['create', 'delete'])
    }
  })

  it('leaves one entry per update for 10 parallel updates of one product, each from the last', async () => {
    const product = await createProduct(payload, { stock: 0 })
    const before = (await entriesFor('products', product.id)).length
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        payload.update({
          collection: 'products',
          id: product.id,
          data: { stock: 101 + index },
          ...as(staff),
        }),
      ),
    )
    const entries = (await entriesFor('products', product.id)).slice(before)
    expect(entries).toHaveLength(10)
    const steps = entries.map(
      (entry) => (entry.changes as Record<string, { before: number; after: number }>).stock,
    )
    expect(steps[0].before).toBe(0)
    for (let index = 1; index < steps.length; index++) {
      expect(steps[index].before).toBe(steps[index - 1].after)
    }
    expect(new Set(steps.map((step) => step.after)).size).toBe(10)
    expect((await storedProduct(payload, product.id)).stock).toBe(steps[9].after)
  })

  describe('in the transaction of the change', () => {
    const failAfterAudit: CollectionAfterChangeHook = ({ req }) => {
      if (req.context.failAfterAudit) throw new Error('fails after the audit hook')
    }
    // Entries are written straight through the database adapter (writeAuditEntry): the failure
    // is injected there.
    let create: Payload['db']['create']

    beforeAll(() => {
      payload.collections.products.config.hooks.afterChange.push(failAfterAudit)
      create = payload.db.create
      payload.db.create = (args) => {
        if (args.collection === 'audit-log' && args.req?.context?.failAuditEntry) {
          return Promise.reject(new Error('the audit entry cannot be written'))
        }
        return create.call(payload.db, args)
      }
    })

    afterAll(() => {
      const hooks = payload.collections.products.config.hooks.afterChange
      hooks.splice(hooks.indexOf(failAfterAudit), 1)
      payload.db.create = create
    })

    it('leaves no entry when the change fails after the audit hook ran', async () => {
      const product = await createProduct(payload)
      const before = (await entriesFor('products', product.id)).length
      await expect(
        payload.update({
          collection: 'products',
          id: product.id,
          data: { price: 99 },
          context: { failAfterAudit: true },
          ...as(staff),
        }),
      ).rejects.toThrow('fails after the audit hook')
      expect((await storedProduct(payload, product.id)).price).toBe(10)
      expect(await entriesFor('products', product.id)).toHaveLength(before)
    })

    it('fails the change when its entry cannot be written', async () => {
      const product = await createProduct(payload)
      await expect(
        payload.update({
          collection: 'products',
          id: product.id,
          data: { price: 98 },
          context: { failAuditEntry: true },
          ...as(staff),
        }),
      ).rejects.toThrow('the audit entry cannot be written')
      expect((await storedProduct(payload, product.id)).price).toBe(10)
    })

    it('leaves no entry for an order refused for want of stock', async () => {
      const product = await createProduct(payload, { stock: 1 })
      const { totalDocs: ordersBefore } = await payload.count({ collection: 'orders' })
      const { totalDocs: entriesBefore } = await payload.count({
        collection: 'audit-log',
        where: { targetCollection: { equals: 'orders' } },
      })
      await expect(
        placeOrder(payload, customer, [{ product: product.id, quantity: 2 }]),
      ).rejects.toMatchObject({ status: 409 })
      expect((await payload.count({ collection: 'orders' })).totalDocs).toBe(ordersBefore)
      const { totalDocs: entriesAfter } = await payload.count({
        collection: 'audit-log',
        where: { targetCollection: { equals: 'orders' } },
      })
      expect(entriesAfter).toBe(entriesBefore)
    })
  })

  describe('append-only', () => {
    let entry: AuditLog

    beforeAll(async () => {
      const product = await createProduct(payload)
      entry = await lastEntryFor('products', product.id)
    })

    const entryData = {
      summary: 'forged',
      operation: 'update' as const,
      targetCollection: 'products' as const,
      documentId: 1,
      actorStrategy: 'session' as const,
    }

    it.each(['anonymous', 'customer', 'vendor', 'staff', 'admin'] as const)(
      'refuses creating, changing and deleting entries as %s (403), and reading unless admin',
      async (role) => {
        const user = { customer, vendor, staff, admin, anonymous: undefined }[role]
        const refused = { name: 'Forbidden', status: 403 }
        await expect(
          payload.create({ collection: 'audit-log', data: entryData, ...as(user) }),
        ).rejects.toMatchObject(refused)
        await expect(
          payload.update({
            collection: 'audit-log',
            id: entry.id,
            data: { summary: 'x' },
            ...as(user),
          }),
        ).rejects.toMatchObject(refused)
        await expect(
          payload.update({
            collection: 'audit-log',
            where: { id: { equals: entry.id } },
            data: { summary: 'x' },
            ...as(user),
          }),
        ).rejects.toMatchObject(refused)
        await expect(
          payload.delete({ collection: 'audit-log', id: entry.id, ...as(user) }),
        ).rejects.toMatchObject(refused)
        const read = payload.find({ collection: 'audit-log', limit: 1, ...as(user) })
        if (role === 'admin') expect((await read).totalDocs).toBeGreaterThan(0)
        else await expect(read).rejects.toMatchObject(refused)
        expect(
          await payload.findByID({ collection: 'audit-log', id: entry.id, overrideAccess: true }),
        ).toEqual(entry)
      },
    )

    it('refuses UPDATE, DELETE and TRUNCATE in the database, even for trusted server code', async () => {
      const pool = databasePool(payload)
      for (const statement of [
        `UPDATE audit_log SET summary = 'rewritten' WHERE id = ${entry.id}`,
        `DELETE FROM audit_log WHERE id = ${entry.id}`,
        'TRUNCATE audit_log',
      ]) {
        await expect(pool.query(statement)).rejects.toMatchObject({ code: '42501' })
      }
      await expect(
        payload.update({
          collection: 'audit-log',
          id: entry.id,
          data: { summary: 'rewritten' },
          overrideAccess: true,
        }),
      ).rejects.toThrow()
      expect(
        await payload.findByID({ collection: 'audit-log', id: entry.id, overrideAccess: true }),
      ).toEqual(entry)
    })
  })
})
