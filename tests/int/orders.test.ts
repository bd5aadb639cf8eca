import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
} from 'payload'
import pg from 'pg'

import type { Order } from '@/payload-types'
import { takeLinesStock } from '../../src/lib/orderLines'
import { transactionSql } from '../../src/lib/transactionSql'
import {
  createProduct,
  createUser,
  placeOrder,
  PRODUCT_CARD_KEYS,
  setOrderStatus,
  stockOf,
  storedProduct,
  testAddress,
  type TestUser,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

describe('orders', () => {
  let payload: Payload
  let customer: TestUser
  let otherCustomer: TestUser
  let staff: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    otherCustomer = await createUser(payload, ['customer'])
    staff = await createUser(payload, ['staff'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  describe('pricing', () => {
    it('prices lines and total from the products, exact to the cent, ignoring client values', async () => {
      const a = await createProduct(payload, { price: 19.99, discount: 15, stock: 10 })
      const b = await createProduct(payload, { price: 0.1, stock: 10 })
      const order = await placeOrder(
        payload,
        customer,
        [
          { product: a.id, quantity: 3, unitPrice: 0.01, lineTotal: 0.01 } as never,
          { product: b.id, quantity: 3 },
        ],
        { total: 1, currency: 'XXX', status: 'delivered' },
      )
      // 19.99 less 15% = 16.9915 → 16.99 a unit; 3 × 16.99 = 50.97; 3 × 0.10 = 0.30 (not 0.30000000000000004)
      const lineA = order.items.find((line) => line.product === a.id)!
      const lineB = order.items.find((line) => line.product === b.id)!
      expect(lineA).toMatchObject({ quantity: 3, unitPrice: 19.99, discount: 15, lineTotal: 50.97 })
      expect(lineB).toMatchObject({ quantity: 3, unitPrice: 0.1, discount: 0, lineTotal: 0.3 })
      expect(order.total).toBe(51.27)
      expect(order.currency).toBe('EUR')
      expect(order.status).toBe('pending')
    })

    it('snapshots prices: a later price change leaves a placed order as it was', async () => {
      const product = await createProduct(payload, { price: 50, discount: 10, stock: 5 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
      expect(order.items[0]).toMatchObject({ unitPrice: 50, discount: 10, lineTotal: 90 })
      await payload.update({
        collection: 'products',
        id: product.id,
        data: { price: 80, discount: 0 },
        overrideAccess: true,
      })
      const stored = await payload.findByID({
        collection: 'orders',
        id: order.id,
        depth: 0,
        overrideAccess: true,
      })
      expect(stored.items[0]).toMatchObject({ unitPrice: 50, discount: 10, lineTotal: 90 })
      expect(stored.total).toBe(90)
    })

    it('merges repeated lines for one product', async () => {
      const product = await createProduct(payload, { price: 2.5, stock: 10 })
      const order = await placeOrder(payload, customer, [
        { product: product.id, quantity: 2 },
        { product: product.id, quantity: 3 },
      ])
      expect(order.items).toHaveLength(1)
      expect(order.items[0]).toMatchObject({ product: product.id, quantity: 5, lineTotal: 12.5 })
      expect(await stockOf(payload, product.id)).toBe(5)
    })

    it('refuses quantities outside 1–100 (also after merging) and empty orders with 400', async () => {
      const product = await createProduct(payload, { stock: 500 })
      for (const items of [
        [{ product: product.id, quantity: 0 }],
        [{ product: product.id, quantity: 1.5 }],
        [{ product: product.id, quantity: 101 }],
        [
          { product: product.id, quantity: 60 },
          { product: product.id, quantity: 41 },
        ],
        [],
      ]) {
        expect((await failureOf(placeOrder(payload, customer, items))).status).toBe(400)
      }
      expect(await stockOf(payload, product.id)).toBe(500)
    })

    it('refuses a quantity sent as text that is not a number with 400 naming the field', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const created = await failureOf(
        placeOrder(payload, customer, [
          { product: product.id, quantity: 1 },
          { product: product.id, quantity: '5abc' as unknown as number },
        ]),
      )
      expect(created).toMatchObject({ status: 400, paths: ['items.1.quantity'] })
      expect(created.message).toContain('items.1.quantity')
      const order = await placeOrder(payload, customer, [
        { product: product.id, quantity: '2' as unknown as number },
      ])
      expect(order.items[0].quantity).toBe(2)
      const updated = await failureOf(
        payload.update({
          collection: 'orders',
          id: order.id,
          data: { items: [{ product: product.id, quantity: '3 units' }] } as unknown as Order,
          user: customer,
          overrideAccess: false,
        }),
      )
      expect(updated).toMatchObject({ status: 400, paths: ['items.0.quantity'] })
      expect(await stockOf(payload, product.id)).toBe(8)
    })

    it('orders only approved products that are not in the trash', async () => {
      const pending = await createProduct(payload, { status: 'pending', stock: 5 })
      const rejected = await createProduct(payload, { status: 'rejected', stock: 5 })
      const trashed = await createProduct(payload, { stock: 5 })
      await payload.update({
        collection: 'products',
        id: trashed.id,
        data: { deletedAt: new Date().toISOString() },
        overrideAccess: true,
      })
      for (const product of [pending, rejected, trashed]) {
        const failure = await failureOf(
          placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]),
        )
        expect(failure.status).toBe(400)
        expect(failure.message).toContain(`Product ${product.id}`)
        expect(await stockOf(payload, product.id)).toBe(5)
      }
    })
  })

  describe('stock', () => {
    it('takes the stock and keeps `available` in step', async () => {
      const product = await createProduct(payload, { stock: 2 })
      await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
      const stored = await storedProduct(payload, product.id)
      expect(stored.stock).toBe(0)
      expect(stored.available).toBe(false)
    })

    it('refuses an order short of stock with 409 naming the product, changing no stock', async () => {
      const plenty = await createProduct(payload, { stock: 10 })
      const scarce = await createProduct(payload, { stock: 1, brand: 'Scarce', model: 'Thing' })
      const failure = await failureOf(
        placeOrder(payload, customer, [
          { product: plenty.id, quantity: 4 },
          { product: scarce.id, quantity: 2 },
        ]),
      )
      expect(failure.status).toBe(409)
      expect(failure.message).toContain('Scarce Thing')
      expect(failure.message).toContain(`product ${scarce.id}`)
      expect(await stockOf(payload, plenty.id)).toBe(10)
      expect(await stockOf(payload, scarce.id)).toBe(1)
      const { totalDocs } = await payload.count({
        collection: 'orders',
        where: { 'items.product': { equals: scarce.id } },
      })
      expect(totalDocs).toBe(0)
    })

    it('takes the stock even when the caller selects only some fields of the new order', async () => {
      const product = await createProduct(payload, { stock: 4 })
      const order = await payload.create({
        collection: 'orders',
        data: {
          items: [{ product: product.id, quantity: 3 }],
          shippingAddress: testAddress,
        } as Order,
        select: { total: true },
        user: customer,
        overrideAccess: false,
      })
      expect(order).not.toHaveProperty('items')
      expect(await stockOf(payload, product.id)).toBe(1)
    })

    it('takes stock only at the price the line was priced at (409 once repriced)', async () => {
      const product = await createProduct(payload, { price: 30, discount: 10, stock: 5 })
      const line = { product: product.id, quantity: 2, unitPrice: 30, discount: 10, lineTotal: 54 }
      const takeAt = async (priced: typeof line) => {
        const req = await createLocalReq({}, payload)
        await initTransaction(req)
        try {
          await takeLinesStock(await transactionSql(req), [priced])
          await commitTransaction(req)
        } catch (error) {
          await killTransaction(req)
          throw error
        }
      }
      const failure = await failureOf(takeAt({ ...line, discount: 0, lineTotal: 60 }))
      expect(failure.status).toBe(409)
      expect(failure.message).toContain(`(product ${product.id}) changed`)
      expect(await stockOf(payload, product.id)).toBe(5)
      await takeAt(line)
      expect(await stockOf(payload, product.id)).toBe(3)
    })

    it('returns the stock when an order is cancelled, once', async () => {
      const product = await createProduct(payload, { stock: 5 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 3 }])
      expect(await stockOf(payload, product.id)).toBe(2)
      await payload.update({
        collection: 'orders',
        id: order.id,
        depth: 0,
        data: { status: 'cancelled' },
        user: customer,
        overrideAccess: false,
      })
      expect(await stockOf(payload, product.id)).toBe(5)
      expect((await storedProduct(payload, product.id)).available).toBe(true)
      // deleting the cancelled order gives nothing back a second time
      await payload.delete({
        collection: 'orders',
        id: order.id,
        user: customer,
        overrideAccess: false,
      })
      expect(await stockOf(payload, product.id)).toBe(5)
    })

    it('returns the stock of a paid order cancelled by staff', async () => {
      const product = await createProduct(payload, { stock: 5 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
      await setOrderStatus(payload, order.id, 'paid', staff)
      await setOrderStatus(payload, order.id, 'cancelled', staff)
      expect(await stockOf(payload, product.id)).toBe(5)
    })

    it('adjusts stock by the difference when a customer edits a pending order', async () => {
      const a = await createProduct(payload, { price: 10, stock: 10 })
      const b = await createProduct(payload, { price: 3, stock: 10 })
      const c = await createProduct(payload, { price: 1, stock: 2 })
      const order = await placeOrder(payload, customer, [
        { product: a.id, quantity: 5 },
        { product: b.id, quantity: 2 },
      ])
      const updated = await payload.update({
        collection: 'orders',
        id: order.id,
        depth: 0,
        data: {
          items: [
            { product: a.id, quantity: 2 },
            { product: c.id, quantity: 2 },
          ],
        } as Partial<Order>,
        user: customer,
        overrideAccess: false,
      })
      expect(await stockOf(payload, a.id)).toBe(8)
      expect(await stockOf(payload, b.id)).toBe(10)
      expect(await stockOf(payload, c.id)).toBe(0)
      expect(updated.items.map((line) => [line.product, line.quantity, line.lineTotal])).toEqual([
        [a.id, 2, 20],
        [c.id, 2, 2],
      ])
      expect(updated.total).toBe(22)
    })

    it('prices units added to a line after a price change at the current price, on a line of their own', async () => {
      const product = await createProduct(payload, { price: 10, discount: 20, stock: 200 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      await payload.update({
        collection: 'products',
        id: product.id,
        data: { discount: 0 },
        overrideAccess: true,
      })
      const edit = (quantity: number, items?: Order['items']) =>
        payload.update({
          collection: 'orders',
          id: order.id,
          depth: 0,
          data: { items: items ?? [{ product: product.id, quantity }] } as Partial<Order>,
          user: customer,
          overrideAccess: false,
        })
      const linesOf = (updated: Order) =>
        updated.items.map((line) => [line.quantity, line.unitPrice, line.discount, line.lineTotal])

      const raised = await edit(100)
      expect(linesOf(raised)).toEqual([
        [1, 10, 20, 8],
        [99, 10, 0, 990],
      ])
      expect(raised.total).toBe(998)
      expect(await stockOf(payload, product.id)).toBe(100)
      // Sending the stored lines back (as the admin UI does) changes nothing.
      expect(linesOf(await edit(0, raised.items))).toEqual(linesOf(raised))

      // Fewer units come off the newest line; units added at a line's own price join it.
      const steps: Array<[quantity: number, lines: number[][], total: number]> = [
        [
          50,
          [
            [1, 10, 20, 8],
            [49, 10, 0, 490],
          ],
          498,
        ],
        [1, [[1, 10, 20, 8]], 8],
        [
          3,
          [
            [1, 10, 20, 8],
            [2, 10, 0, 20],
          ],
          28,
        ],
        [
          5,
          [
            [1, 10, 20, 8],
            [4, 10, 0, 40],
          ],
          48,
        ],
      ]
      for (const [quantity, lines, total] of steps) {
        const edited = await edit(quantity)
        expect(linesOf(edited)).toEqual(lines)
        expect(edited.total).toBe(total)
        expect(await stockOf(payload, product.id)).toBe(200 - quantity)
      }
    })

    it('refuses an edit short of stock with 409 and leaves order and stock as they were', async () => {
      const a = await createProduct(payload, { stock: 3 })
      const b = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customer, [
        { product: a.id, quantity: 1 },
        { product: b.id, quantity: 1 },
      ])
      const failure = await failureOf(
        payload.update({
          collection: 'orders',
          id: order.id,
          data: {
            items: [
              { product: a.id, quantity: 5 },
              { product: b.id, quantity: 4 },
            ],
          } as Partial<Order>,
          user: customer,
          overrideAccess: false,
        }),
      )
      expect(failure.status).toBe(409)
      expect(await stockOf(payload, a.id)).toBe(2)
      expect(await stockOf(payload, b.id)).toBe(9)
      const stored = await payload.findByID({ collection: 'orders', id: order.id, depth: 0 })
      expect(stored.items.map((line) => line.quantity)).toEqual([1, 1])
    })

    it('returns stock when a customer deletes their pending order', async () => {
      const product = await createProduct(payload, { stock: 4 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 4 }])
      expect(await stockOf(payload, product.id)).toBe(0)
      await payload.delete({
        collection: 'orders',
        id: order.id,
        user: customer,
        overrideAccess: false,
      })
      expect(await stockOf(payload, product.id)).toBe(4)
    })

    it('never returns stock when a shipped or delivered order is deleted', async () => {
      const product = await createProduct(payload, { stock: 6 })
      for (const status of ['shipped', 'delivered'] as const) {
        const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
        await setOrderStatus(payload, order.id, 'paid', staff)
        await setOrderStatus(payload, order.id, 'shipped', staff)
        if (status === 'delivered') await setOrderStatus(payload, order.id, 'delivered', staff)
        const denied = await failureOf(
          payload.delete({
            collection: 'orders',
            id: order.id,
            user: customer,
            overrideAccess: false,
          }),
        )
        expect(denied.status).toBe(409)
        await payload.delete({
          collection: 'orders',
          id: order.id,
          user: staff,
          overrideAccess: false,
        })
      }
      expect(await stockOf(payload, product.id)).toBe(4)
    })
  })

  describe('workflow', () => {
    it('moves pending → paid → shipped → delivered for staff and refuses illegal moves with 409', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      expect((await failureOf(setOrderStatus(payload, order.id, 'shipped', staff))).status).toBe(
        409,
      )
      expect((await failureOf(setOrderStatus(payload, order.id, 'delivered', staff))).status).toBe(
        409,
      )
      await setOrderStatus(payload, order.id, 'paid', staff)
      expect((await failureOf(setOrderStatus(payload, order.id, 'pending', staff))).status).toBe(
        409,
      )
      await setOrderStatus(payload, order.id, 'shipped', staff)
      expect((await failureOf(setOrderStatus(payload, order.id, 'cancelled', staff))).status).toBe(
        409,
      )
      const delivered = await setOrderStatus(payload, order.id, 'delivered', staff)
      expect(delivered.status).toBe('delivered')
      const late = await failureOf(setOrderStatus(payload, order.id, 'cancelled', staff))
      expect(late).toMatchObject({
        status: 409,
        message: 'An order cannot go from delivered to cancelled',
      })
      expect(await stockOf(payload, product.id)).toBe(9)
    })

    it('lets a customer cancel their pending order but not move it forward', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      expect((await failureOf(setOrderStatus(payload, order.id, 'paid', customer))).status).toBe(
        403,
      )
      await setOrderStatus(payload, order.id, 'paid', staff)
      const cancel = await failureOf(setOrderStatus(payload, order.id, 'cancelled', customer))
      expect(cancel.status).toBe(409)
      const stored = await payload.findByID({ collection: 'orders', id: order.id })
      expect(stored.status).toBe('paid')
    })

    it('freezes lines, address and notes for the customer once the order is paid', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      await setOrderStatus(payload, order.id, 'paid', staff)
      for (const data of [
        { items: [{ product: product.id, quantity: 2 }] },
        { shippingAddress: { ...testAddress, city: 'Paris' } },
        { notes: 'please hurry' },
      ]) {
        const failure = await failureOf(
          payload.update({
            collection: 'orders',
            id: order.id,
            data: data as Partial<Order>,
            user: customer,
            overrideAccess: false,
          }),
        )
        expect(failure.status).toBe(409)
      }
      expect(await stockOf(payload, product.id)).toBe(9)
      const stored = await payload.findByID({ collection: 'orders', id: order.id })
      expect(stored.shippingAddress?.city).toBe('London')
    })

    it('ignores a client-sent customer, total and currency on update', async () => {
      const product = await createProduct(payload, { price: 7, stock: 10 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      const updated = await payload.update({
        collection: 'orders',
        id: order.id,
        depth: 0,
        data: { customer: otherCustomer.id, total: 0.01, currency: 'XXX', notes: 'ring twice' },
        user: customer,
        overrideAccess: false,
      })
      expect(updated).toMatchObject({
        customer: customer.id,
        total: 7,
        currency: 'EUR',
        notes: 'ring twice',
      })
    })
  })

  describe('customers', () => {
    it('sets the customer from the caller; staff may order for a customer', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const own = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }], {
        customer: otherCustomer.id,
      })
      expect(own.customer).toBe(customer.id)
      const forSomeone = await placeOrder(payload, staff, [{ product: product.id, quantity: 1 }], {
        customer: otherCustomer.id,
      })
      expect(forSomeone.customer).toBe(otherCustomer.id)
    })

    it("populates a line's product as its card and the customer as a public profile", async () => {
      const product = await createProduct(payload, { price: 12, stock: 5 })
      const placed = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      const read = (populate?: Record<string, Record<string, true>>) =>
        payload.findByID({
          collection: 'orders',
          id: placed.id,
          depth: 1,
          populate,
          user: customer,
          overrideAccess: false,
        })
      const order = await read()
      const line = order.items[0].product as unknown as Record<string, unknown>
      // The card, plus the trash marker Payload adds to collections with a trash.
      expect(Object.keys(line).sort()).toEqual(PRODUCT_CARD_KEYS.sort())
      expect(line).toMatchObject({ id: product.id, finalPrice: 12, available: true })
      const buyer = order.customer as unknown as Record<string, unknown>
      expect(buyer).toMatchObject({ id: customer.id, username: customer.username })
      expect(buyer).not.toHaveProperty('email')
      expect(buyer).not.toHaveProperty('roles')
      // Asking for more works within field access: customers read their own email.
      const widened = await read({ users: { email: true } })
      expect(widened.customer).toMatchObject({ id: customer.id, email: customer.email })
    })

    it('shows customers only their own orders (another customer’s is not found)', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const mine = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      const theirs = await placeOrder(payload, otherCustomer, [
        { product: product.id, quantity: 1 },
      ])
      const list = await payload.find({
        collection: 'orders',
        user: customer,
        overrideAccess: false,
        limit: 1000,
      })
      expect(list.docs.map((order) => order.id)).toContain(mine.id)
      expect(
        list.docs.every(
          (order) =>
            order.customer === customer.id || (order.customer as { id: number }).id === customer.id,
        ),
      ).toBe(true)
      const denied = await failureOf(
        payload.findByID({
          collection: 'orders',
          id: theirs.id,
          user: customer,
          overrideAccess: false,
        }),
      )
      expect(denied.status).toBe(404)
      for (const attempt of [
        payload.update({
          collection: 'orders',
          id: theirs.id,
          data: { notes: 'mine now' },
          user: customer,
          overrideAccess: false,
        }),
        payload.delete({
          collection: 'orders',
          id: theirs.id,
          user: customer,
          overrideAccess: false,
        }),
      ]) {
        expect((await failureOf(attempt)).status).toBe(404)
      }
      const malformed = await failureOf(
        payload.update({
          collection: 'orders',
          id: 'not-an-id',
          data: { notes: 'x' },
          user: customer,
          overrideAccess: false,
        }),
      )
      expect(malformed.status).toBe(404)
      const untouched = await payload.findByID({ collection: 'orders', id: theirs.id, depth: 0 })
      expect(untouched.notes ?? null).toBeNull()
      const all = await payload.find({
        collection: 'orders',
        where: { id: { in: [mine.id, theirs.id] } },
        user: staff,
        overrideAccess: false,
      })
      expect(all.totalDocs).toBe(2)
    })

    it('filters by customer and status and sorts by total', async () => {
      const buyer = await createUser(payload, ['customer'])
      const product = await createProduct(payload, { price: 1, stock: 100 })
      for (const quantity of [3, 1, 2]) {
        await placeOrder(payload, buyer, [{ product: product.id, quantity }])
      }
      const sorted = await payload.find({
        collection: 'orders',
        where: { customer: { equals: buyer.id }, status: { equals: 'pending' } },
        sort: '-total',
        user: staff,
        overrideAccess: false,
      })
      expect(sorted.docs.map((order) => order.total)).toEqual([3, 2, 1])
    })
  })

  describe('shipping address encryption', () => {
    it('stores only ciphertext and shows authorised readers the address', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      expect(order.shippingAddress).toMatchObject(testAddress)
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      try {
        const { rows } = await client.query(
          'SELECT row_to_json(o)::text AS row, shipping_address_encrypted FROM orders o WHERE id = $1',
          [order.id],
        )
        expect(rows[0].shipping_address_encrypted).toMatch(/^v1:[A-Za-z0-9_-]+:[^:]+:[^:]+:[^:]+$/)
        for (const part of Object.values(testAddress)) {
          expect(rows[0].row).not.toContain(part)
        }
      } finally {
        await client.end()
      }
      const read = await payload.findByID({
        collection: 'orders',
        id: order.id,
        user: customer,
        overrideAccess: false,
      })
      expect(read.shippingAddress).toMatchObject(testAddress)
      expect(read).not.toHaveProperty('shippingAddressEncrypted')
      const staffRead = await payload.findByID({
        collection: 'orders',
        id: order.id,
        user: staff,
        overrideAccess: false,
      })
      expect(staffRead.shippingAddress).toMatchObject(testAddress)
    })

    it('requires a complete address and keeps it when an update does not send one', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const missing = await failureOf(
        placeOrder(payload, customer, [{ product: product.id, quantity: 1 }], {
          shippingAddress: { ...testAddress, city: '' },
        }),
      )
      expect(missing).toMatchObject({ status: 400, message: 'shippingAddress.city is required' })
      expect(await stockOf(payload, product.id)).toBe(10)
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      const updated = await payload.update({
        collection: 'orders',
        id: order.id,
        depth: 0,
        data: { notes: 'leave at the door' },
        user: customer,
        overrideAccess: false,
      })
      expect(updated.shippingAddress).toMatchObject(testAddress)
      const moved = await payload.update({
        collection: 'orders',
        id: order.id,
        depth: 0,
        data: { shippingAddress: { ...testAddress, city: 'Manchester' } },
        user: customer,
        overrideAccess: false,
      })
      expect(moved.shippingAddress?.city).toBe('Manchester')
    })
  })
})
