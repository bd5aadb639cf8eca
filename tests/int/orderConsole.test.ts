import { configToSchema } from '@payloadcms/graphql'
import { graphql } from 'graphql'
import { createPayloadRequest, type Payload } from 'payload'

import type { Order } from '@/payload-types'
import { databasePool } from '../../src/lib/databasePool'
import { up as backfill } from '../../src/migrations/20261204_042610_orders_title_timeline_backfill'
import { ORDER_TRANSITIONS } from '../../src/operations/orderTransitions'
import {
  as,
  createProduct,
  createUser,
  placeOrder,
  setOrderStatus,
  stockOf,
  testAddress,
  type TestUser,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

type Entry = NonNullable<Order['statusHistory']>[number]

/**
 * The orders' admin-panel fields: the derived title (`#123 · carol · €1,877.15`) and the status
 * timeline the order process writes with each move; neither is writable by any client.
 */
describe('order title and status timeline', () => {
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

  const stored = (id: number): Promise<Order> =>
    payload.findByID({ collection: 'orders', id, depth: 0, overrideAccess: true })

  /** The stored timeline as plain moves: who (user id or null), from, to. */
  const moves = async (id: number) =>
    ((await stored(id)).statusHistory ?? []).map(({ by, from, to }: Entry) => ({
      by: by ?? null,
      from: from ?? null,
      to,
    }))

  const newOrder = async (
    price = 1877.15,
    quantity = 1,
    user: TestUser = customer,
    extra: Record<string, unknown> = {},
  ) => {
    const product = await createProduct(payload, { price, stock: 20 })
    const order = await placeOrder(payload, user, [{ product: product.id, quantity }], extra)
    return { order, product }
  }

  /** A GraphQL operation as `user` would send it, through Payload's resolvers. */
  const graphQL = async (user: TestUser, source: string) => {
    const req = await createPayloadRequest({
      config: payload.config,
      request: new Request('http://localhost/api/graphql', { method: 'POST' }),
    })
    // createPayloadRequest looks up the default instance: use this file's, signed in as `user`.
    req.payload = payload
    req.user = user
    const { schema } = configToSchema(payload.config)
    return graphql({ schema, source, contextValue: { req, headers: {} } })
  }

  describe('title', () => {
    it('is the id, the customer’s username and the total in the order’s currency', async () => {
      const { order } = await newOrder(1877.15)
      expect(order.title).toBe(`#${order.id} · ${customer.username} · €1,877.15`)
      expect((await stored(order.id)).title).toBe(`#${order.id} · ${customer.username} · €1,877.15`)
    })

    it('names the customer, not the staff member, when staff place an order for a customer', async () => {
      const { order } = await newOrder(12.5, 2, staff, { customer: customer.id })
      const title = `#${order.id} · ${customer.username} · €25.00`
      expect(order.title).toBe(title)
      expect((await stored(order.id)).title).toBe(title)
    })

    it('follows the total when the lines change, and stays when only the status moves', async () => {
      const { order, product } = await newOrder(1000)
      await payload.update({
        collection: 'orders',
        id: order.id,
        data: { items: [{ product: product.id, quantity: 3 }] },
        ...as(customer),
      })
      expect((await stored(order.id)).title).toBe(`#${order.id} · ${customer.username} · €3,000.00`)
      await setOrderStatus(payload, order.id, 'paid', staff)
      expect((await stored(order.id)).title).toBe(`#${order.id} · ${customer.username} · €3,000.00`)
    })

    it('follows the customer’s username when they rename themself', async () => {
      const renamed = await createUser(payload, ['customer'])
      const { order } = await newOrder(5, 2, renamed)
      const username = `renamed_${renamed.id}`
      await payload.update({
        collection: 'users',
        id: renamed.id,
        data: { username },
        ...as(renamed),
      })
      expect((await stored(order.id)).title).toBe(`#${order.id} · ${username} · €10.00`)
    })

    it('ignores a title sent on create or update, by a customer or staff (Local API, access on)', async () => {
      const product = await createProduct(payload, { price: 2, stock: 5 })
      const created = await payload.create({
        collection: 'orders',
        data: {
          items: [{ product: product.id, quantity: 1 }],
          shippingAddress: testAddress,
          title: 'Free stuff',
        } as Order,
        depth: 0,
        ...as(customer),
      })
      const title = `#${created.id} · ${customer.username} · €2.00`
      expect((await stored(created.id)).title).toBe(title)
      for (const user of [customer, staff]) {
        await payload.update({
          collection: 'orders',
          id: created.id,
          data: { title: 'Paid in full' },
          ...as(user),
        })
        expect((await stored(created.id)).title).toBe(title)
      }
    })
  })

  describe('timeline', () => {
    it('records the placement, then each move of place → pay → ship → deliver, by whom and when', async () => {
      const { order } = await newOrder()
      for (const status of ['paid', 'shipped', 'delivered'] as const) {
        await setOrderStatus(payload, order.id, status, staff)
      }
      expect(await moves(order.id)).toEqual([
        { by: customer.id, from: null, to: 'pending' },
        { by: staff.id, from: 'pending', to: 'paid' },
        { by: staff.id, from: 'paid', to: 'shipped' },
        { by: staff.id, from: 'shipped', to: 'delivered' },
      ])
      const times = ((await stored(order.id)).statusHistory ?? []).map((entry) =>
        Date.parse(entry.at),
      )
      expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true)
      expect(Math.abs(times[0] - Date.parse(order.createdAt))).toBeLessThan(5000)
    })

    it('records a cancel (the stock comes back) and nothing for a refused move', async () => {
      const { order, product } = await newOrder(10, 4)
      expect(await stockOf(payload, product.id)).toBe(16)
      const refused = await failureOf(setOrderStatus(payload, order.id, 'paid', customer))
      expect(refused.status).toBe(403)
      await setOrderStatus(payload, order.id, 'cancelled', customer)
      expect(await stockOf(payload, product.id)).toBe(20)
      expect(await moves(order.id)).toEqual([
        { by: customer.id, from: null, to: 'pending' },
        { by: customer.id, from: 'pending', to: 'cancelled' },
      ])
      const illegal = await failureOf(setOrderStatus(payload, order.id, 'paid', staff))
      expect(illegal).toMatchObject({
        status: 409,
        message: 'An order cannot go from cancelled to paid',
      })
      expect(await moves(order.id)).toHaveLength(2)
    })

    it('records a move by the system (no user) as by nobody', async () => {
      const { order } = await newOrder()
      await setOrderStatus(payload, order.id, 'cancelled')
      expect((await moves(order.id)).at(-1)).toEqual({ by: null, from: 'pending', to: 'cancelled' })
    })

    it('ignores a timeline sent by a customer or staff through the Local API (access on)', async () => {
      const product = await createProduct(payload, { price: 3, stock: 5 })
      const forged = [
        { at: '2020-01-01T00:00:00.000Z', by: staff.id, from: 'paid', to: 'delivered' },
      ]
      const created = await payload.create({
        collection: 'orders',
        data: {
          items: [{ product: product.id, quantity: 1 }],
          shippingAddress: testAddress,
          statusHistory: forged,
        } as Order,
        depth: 0,
        ...as(customer),
      })
      expect(await moves(created.id)).toEqual([{ by: customer.id, from: null, to: 'pending' }])
      for (const user of [customer, staff]) {
        await payload.update({
          collection: 'orders',
          id: created.id,
          data: { statusHistory: forged, notes: `edited by ${user.username}` } as Partial<Order>,
          ...as(user),
        })
        expect(await moves(created.id)).toEqual([{ by: customer.id, from: null, to: 'pending' }])
      }
    })

    it('shows customers when and what, but not which staff member moved their order', async () => {
      const { order } = await newOrder()
      await setOrderStatus(payload, order.id, 'paid', staff)
      const read = (user: TestUser) =>
        payload.findByID({ collection: 'orders', id: order.id, depth: 0, ...as(user) })
      const own = (await read(customer)).statusHistory ?? []
      expect(own.map(({ from, to }) => ({ from: from ?? null, to }))).toEqual([
        { from: null, to: 'pending' },
        { from: 'pending', to: 'paid' },
      ])
      expect(own.every((entry) => entry.by === undefined && typeof entry.at === 'string')).toBe(
        true,
      )
      expect(((await read(staff)).statusHistory ?? []).map((entry) => entry.by)).toEqual([
        customer.id,
        staff.id,
      ])
    })

    it('ignores a title and a timeline sent through GraphQL by the customer and by staff', async () => {
      const { order } = await newOrder(7)
      const before = await stored(order.id)
      for (const user of [customer, staff]) {
        const result = await graphQL(
          user,
          `mutation { updateOrder(id: ${order.id}, data: {
            title: "Gift",
            statusHistory: [{ at: "2020-01-01T00:00:00.000Z", from: paid, to: delivered }]
          }) { id title } }`,
        )
        // The mutation goes through; field access drops both fields.
        expect(result).toEqual({ data: { updateOrder: { id: order.id, title: before.title } } })
        const after = await stored(order.id)
        expect(after.title).toBe(before.title)
        expect(after.statusHistory).toEqual(before.statusHistory)
      }
    })
  })

  describe('backfill migration', () => {
    it('gives orders without them a title and one timeline entry from createdAt and status', async () => {
      const { order } = await newOrder(12.5, 2)
      await setOrderStatus(payload, order.id, 'paid', staff)
      const pool = databasePool(payload)
      await pool.query('UPDATE orders SET title = NULL WHERE id = $1', [order.id])
      await pool.query('DELETE FROM orders_status_history WHERE _parent_id = $1', [order.id])
      const untouched = await newOrder(3)
      const untouchedHistory = (await stored(untouched.order.id)).statusHistory

      await backfill({ db: payload.db.drizzle } as unknown as Parameters<typeof backfill>[0])

      const after = await stored(order.id)
      expect(after.title).toBe(`#${order.id} · ${customer.username} · €25.00`)
      expect(after.statusHistory).toEqual([
        { id: expect.any(String), at: order.createdAt, by: null, from: null, to: 'paid' },
      ])
      expect((await stored(untouched.order.id)).statusHistory).toEqual(untouchedHistory)
    })
  })

  describe('concurrency', () => {
    it('10 parallel status changes of one order leave a timeline of legal moves that ends at the final status', async () => {
      const { order, product } = await newOrder(10, 2)
      const targets = [
        'paid',
        'shipped',
        'cancelled',
        'paid',
        'delivered',
        'shipped',
        'cancelled',
        'paid',
        'delivered',
        'shipped',
      ] as const
      const results = await Promise.allSettled(
        targets.map((status) => setOrderStatus(payload, order.id, status, staff)),
      )
      const failures = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as { status?: number }] : [],
      )
      expect(failures.every((error) => error.status === 409)).toBe(true)
      // A request asking for the status the order already has succeeds without a move.
      const succeeded = targets.filter((_, i) => results[i].status === 'fulfilled')

      const final = await stored(order.id)
      const timeline = await moves(order.id)
      expect(timeline[0]).toEqual({ by: customer.id, from: null, to: 'pending' })
      // Chained moves the table allows, each made by a request that went through.
      expect(timeline.length).toBeGreaterThan(1)
      for (const status of new Set(targets)) {
        const recorded = timeline.filter((entry) => entry.to === status).length
        expect(recorded).toBeLessThanOrEqual(succeeded.filter((each) => each === status).length)
      }
      for (let i = 1; i < timeline.length; i++) {
        const { from, to, by } = timeline[i]
        expect(from).toBe(timeline[i - 1].to)
        expect(ORDER_TRANSITIONS.some((move) => move.from === from && move.to === to)).toBe(true)
        expect(by).toBe(staff.id)
      }
      expect(timeline.at(-1)!.to).toBe(final.status)
      expect(await stockOf(payload, product.id)).toBe(final.status === 'cancelled' ? 20 : 18)
    })
  })
})
