import fs from 'node:fs'
import path from 'node:path'
import { sql } from '@payloadcms/db-postgres'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  type Payload,
  refreshOperation,
} from 'payload'

import type { Order, Product, Review } from '@/payload-types'
import { lockUserTokens } from '../../src/lib/auth/userTokenLock'
import { databasePool } from '../../src/lib/databasePool'
import { takeStock } from '../../src/lib/productStock'
import { type SQL, transactionSql } from '../../src/lib/transactionSql'
import {
  createCategory,
  createProduct,
  createUser,
  PASSWORD,
  placeOrder,
  pngBytes,
  setOrderStatus,
  stockOf,
  storedProduct,
  type TestUser,
  unique,
  writeReview,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

/**
 * Concurrent writers, each in its own request and transaction (separate Local API calls, each with
 * its own user and no shared req), racing for the same product rows.
 */
describe('concurrency', () => {
  let payload: Payload
  let customers: TestUser[]

  beforeAll(async () => {
    payload = await initPayload()
    customers = []
    for (let index = 0; index < 24; index++) {
      customers.push(await createUser(payload, ['customer']))
    }
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  /** Units of a product held by orders that still hold stock (pending or paid). */
  const heldUnits = async (productId: number): Promise<number> => {
    const { docs } = await payload.find({
      collection: 'orders',
      where: {
        and: [{ 'items.product': { equals: productId } }, { status: { in: ['pending', 'paid'] } }],
      },
      depth: 0,
      pagination: false,
    })
    return docs
      .flatMap((order) => order.items)
      .filter((line) => line.product === productId)
      .reduce((sum, line) => sum + line.quantity, 0)
  }

  /** Every call settled; the ones that failed did so with one of `statuses`, never a 500. */
  const settleAll = async (calls: Promise<unknown>[], statuses: number[]) => {
    const results = await Promise.allSettled(calls)
    for (const result of results) {
      // Rethrown as is, so an unexpected failure shows its own message and stack.
      if (result.status === 'rejected' && !statuses.includes(result.reason.status)) {
        throw result.reason
      }
    }
    return results.filter((result) => result.status === 'fulfilled').length
  }

  /** The product's rating fields next to a fresh computation from its published reviews. */
  const ratingAndTruth = async (productId: number) => {
    const { docs } = await payload.find({
      collection: 'reviews',
      where: { and: [{ product: { equals: productId } }, { status: { equals: 'published' } }] },
      depth: 0,
      pagination: false,
    })
    const sum = docs.reduce((total, review) => total + review.rating, 0)
    const stored = await storedProduct(payload, productId)
    return {
      stored: { count: stored.ratingCount, average: stored.ratingAverage },
      truth: {
        count: docs.length,
        average: docs.length ? Math.round((sum / docs.length) * 100) / 100 : 0,
      },
    }
  }

  /** Resolves once `count` queries of this test's database wait for locks others hold. */
  const untilQueriesWaitForLocks = async (count = 1): Promise<void> => {
    for (;;) {
      const { rows } = await databasePool(payload).query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
      if (rows[0].waiting >= count) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('sells exactly the units that exist when many orders race for the last ones', async () => {
    const product = await createProduct(payload, { stock: 7 })
    const results = await Promise.allSettled(
      customers.map((customer) =>
        placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]),
      ),
    )
    const placed = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter((result) => result.status === 'rejected')
    expect(placed).toHaveLength(7)
    expect(refused).toHaveLength(customers.length - 7)
    for (const result of refused) {
      expect(result.reason.status).toBe(409)
      expect(result.reason.message).toContain(`product ${product.id}`)
    }
    const stored = await storedProduct(payload, product.id)
    expect(stored.stock).toBe(0)
    expect(stored.available).toBe(false)
    const { docs } = await payload.find({
      collection: 'orders',
      where: { 'items.product': { equals: product.id } },
      depth: 0,
      pagination: false,
    })
    const sold = docs.reduce(
      (sum, order) => sum + order.items.reduce((lines, line) => lines + line.quantity, 0),
      0,
    )
    expect(sold).toBe(7)
  })

  it('never oversells with multi-unit, multi-product orders locking rows in opposite orders', async () => {
    const a = await createProduct(payload, { stock: 10 })
    const b = await createProduct(payload, { stock: 10 })
    const results = await Promise.allSettled(
      customers.map((customer, index) =>
        placeOrder(
          payload,
          customer,
          index % 2 === 0
            ? [
                { product: a.id, quantity: 3 },
                { product: b.id, quantity: 2 },
              ]
            : [
                { product: b.id, quantity: 3 },
                { product: a.id, quantity: 2 },
              ],
        ),
      ),
    )
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.status).toBe(409)
    }
    const { docs } = await payload.find({
      collection: 'orders',
      where: { 'items.product': { in: [a.id, b.id] } },
      depth: 0,
      pagination: false,
    })
    const soldOf = (id: number) =>
      docs.reduce(
        (sum, order) =>
          sum +
          order.items
            .filter((line) => line.product === id)
            .reduce((lines, line) => lines + line.quantity, 0),
        0,
      )
    const [stockA, stockB] = [await stockOf(payload, a.id), await stockOf(payload, b.id)]
    expect(stockA).toBeGreaterThanOrEqual(0)
    expect(stockB).toBeGreaterThanOrEqual(0)
    expect(soldOf(a.id) + stockA).toBe(10)
    expect(soldOf(b.id) + stockB).toBe(10)
    expect(docs.length).toBe(results.filter((result) => result.status === 'fulfilled').length)
    expect(docs.length).toBeGreaterThanOrEqual(2)
  })

  it('keeps ratingAverage and ratingCount equal to the truth under concurrent reviews', async () => {
    const product = await createProduct(payload)
    const ratings = customers.map((_, index) => (index % 5) + 1)
    await Promise.all(
      customers.map((customer, index) =>
        writeReview(payload, customer, product.id, ratings[index]),
      ),
    )
    const stored = await storedProduct(payload, product.id)
    const truth = ratings.reduce((sum, value) => sum + value, 0) / ratings.length
    expect(stored.ratingCount).toBe(customers.length)
    expect(stored.ratingAverage).toBe(Math.round(truth * 100) / 100)
  })

  it('keeps the aggregates exact when reviews are hidden and deleted concurrently', async () => {
    const product = await createProduct(payload)
    const reviews = []
    for (const [index, customer] of customers.entries()) {
      reviews.push(await writeReview(payload, customer, product.id, (index % 5) + 1))
    }
    const staff = await createUser(payload, ['staff'])
    await Promise.all(
      reviews.map((review, index) =>
        index % 3 === 0
          ? payload.delete({
              collection: 'reviews',
              id: review.id,
              user: staff,
              overrideAccess: false,
            })
          : index % 3 === 1
            ? payload.update({
                collection: 'reviews',
                id: review.id,
                data: { status: 'hidden' },
                user: staff,
                overrideAccess: false,
              })
            : payload.update({
                collection: 'reviews',
                id: review.id,
                data: { rating: 5 },
                user: customers[index],
                overrideAccess: false,
              }),
      ),
    )
    const remaining = reviews.filter((_, index) => index % 3 === 2)
    const stored = await storedProduct(payload, product.id)
    expect(stored.ratingCount).toBe(remaining.length)
    expect(stored.ratingAverage).toBe(5)
  })

  describe('one order changed by parallel requests', () => {
    const orderExists = async (id: number): Promise<boolean> =>
      (await payload.count({ collection: 'orders', where: { id: { equals: id } } })).totalDocs === 1

    const update = (user: TestUser, id: number, data: Partial<Order>) =>
      payload.update({ collection: 'orders', id, data, depth: 0, user, overrideAccess: false })

    const remove = (user: TestUser, id: number) =>
      payload.delete({ collection: 'orders', id, depth: 0, user, overrideAccess: false })

    it('returns the stock once when a customer cancels the same order 8 times at once', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customers[0], [{ product: product.id, quantity: 3 }])
      const succeeded = await settleAll(
        Array.from({ length: 8 }, () => update(customers[0], order.id, { status: 'cancelled' })),
        [409],
      )
      expect(succeeded).toBeGreaterThanOrEqual(1)
      expect(await stockOf(payload, product.id)).toBe(10)
      const stored = await payload.findByID({ collection: 'orders', id: order.id, depth: 0 })
      expect(stored.status).toBe('cancelled')
    })

    it('returns the stock once when an order is cancelled and deleted at the same time', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customers[0], [{ product: product.id, quantity: 3 }])
      await settleAll(
        Array.from({ length: 8 }, (_, index) =>
          index % 2 === 0
            ? update(customers[0], order.id, { status: 'cancelled' })
            : remove(customers[0], order.id),
        ),
        [404, 409],
      )
      expect(await stockOf(payload, product.id)).toBe(10)
      expect(await orderExists(order.id)).toBe(false)
    })

    it('deletes an order once under parallel deletes: the others answer 404, never 500', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customers[0], [{ product: product.id, quantity: 3 }])
      const staff = await createUser(payload, ['staff'])
      const succeeded = await settleAll(
        Array.from({ length: 6 }, (_, index) => remove(index % 2 ? staff : customers[0], order.id)),
        [404],
      )
      expect(succeeded).toBe(1)
      expect(await stockOf(payload, product.id)).toBe(10)
      expect(await orderExists(order.id)).toBe(false)
    })

    it.each([
      [5, 1],
      [1, 5],
    ])(
      'keeps stock exact when a line goes from %i to %i units 6 times at once',
      async (from, to) => {
        const product = await createProduct(payload, { stock: 20 })
        const order = await placeOrder(payload, customers[0], [
          { product: product.id, quantity: from },
        ])
        await settleAll(
          Array.from({ length: 6 }, () =>
            update(customers[0], order.id, { items: [{ product: product.id, quantity: to }] }),
          ),
          [409],
        )
        const stored = await payload.findByID({ collection: 'orders', id: order.id, depth: 0 })
        expect(stored.items.map((line) => line.quantity)).toEqual([to])
        expect(await stockOf(payload, product.id)).toBe(20 - to)
      },
    )

    it('keeps stock + held units equal to the start when staff moves an order while its customer cancels', async () => {
      const staff = await createUser(payload, ['staff'])
      const product = await createProduct(payload, { stock: 10 })
      const orders = []
      for (const customer of customers.slice(0, 6)) {
        orders.push(await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]))
      }
      await settleAll(
        orders.flatMap((order, index) => [
          setOrderStatus(payload, order.id, 'paid', staff),
          update(customers[index], order.id, { status: 'cancelled' }),
          setOrderStatus(payload, order.id, 'cancelled', staff),
        ]),
        [409],
      )
      const stock = await stockOf(payload, product.id)
      expect(stock + (await heldUnits(product.id))).toBe(10)
    })

    it('returns the stock once under parallel cancels through a where (bulk) update', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const order = await placeOrder(payload, customers[0], [{ product: product.id, quantity: 3 }])
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          payload.update({
            collection: 'orders',
            where: { id: { equals: order.id } },
            data: { status: 'cancelled' },
            depth: 0,
            user: customers[0],
            overrideAccess: false,
          }),
        ),
      )
      for (const error of results.flatMap((result) => result.errors)) {
        expect(error.message).not.toMatch(/unknown|Cannot read/)
      }
      expect(await stockOf(payload, product.id)).toBe(10)
    })
  })

  describe('one review or product changed by parallel requests', () => {
    it('deletes a review once under parallel deletes and edits: the others answer 404, never 500', async () => {
      const product = await createProduct(payload)
      const staff = await createUser(payload, ['staff'])
      const kept = await writeReview(payload, customers[1], product.id, 2)
      const review = await writeReview(payload, customers[0], product.id, 5)
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) =>
          index % 2 === 0
            ? payload.delete({
                collection: 'reviews',
                id: review.id,
                user: index % 4 ? staff : customers[0],
                overrideAccess: false,
              })
            : payload.update({
                collection: 'reviews',
                id: review.id,
                data: { rating: 1 },
                user: customers[0],
                overrideAccess: false,
              }),
        ),
      )
      for (const result of results) {
        if (result.status === 'rejected' && result.reason.status !== 404) throw result.reason
      }
      const deletes = results.filter(
        (result, index) => index % 2 === 0 && result.status === 'fulfilled',
      )
      expect(deletes).toHaveLength(1)
      expect(kept.id).toBeDefined()
      const { stored, truth } = await ratingAndTruth(product.id)
      expect(stored).toEqual(truth)
      expect(stored).toEqual({ count: 1, average: 2 })
    })

    /** 12 one-unit orders racing `edits` of the product by staff; the product as stored after. */
    const raceStaffEditsWithOrders = async (stock: number, edits: Partial<Product>[]) => {
      const staff = await createUser(payload, ['staff'])
      const product = await createProduct(payload, { stock })
      await settleAll(
        [
          ...customers
            .slice(0, 12)
            .map((customer) =>
              placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]),
            ),
          ...edits.map((data) =>
            payload.update({
              collection: 'products',
              id: product.id,
              data,
              depth: 0,
              user: staff,
              overrideAccess: false,
            }),
          ),
        ],
        [409],
      )
      return storedProduct(payload, product.id)
    }

    it('keeps stock + held units equal to the start while staff edit the product during orders', async () => {
      const edits = Array.from({ length: 6 }, (_, index) => ({ model: `Renamed ${index}` }))
      const stored = await raceStaffEditsWithOrders(8, edits)
      expect(stored.stock).toBe(0)
      expect(stored.stock + (await heldUnits(stored.id))).toBe(8)
      expect(stored.available).toBe(false)
    })

    it('never lets stock go negative or `available` disagree with it while staff set the stock during orders', async () => {
      const stored = await raceStaffEditsWithOrders(
        3,
        [0, 2, 0, 1].map((stock) => ({ stock })),
      )
      expect(stored.stock).toBeGreaterThanOrEqual(0)
      expect(stored.available).toBe(stored.stock > 0)
    })

    it.each(['id', 'where'])(
      'keeps the committed stock when an order takes the last unit during a staff edit by %s',
      async (target) => {
        const staff = await createUser(payload, ['staff'])
        const product = await createProduct(payload, { stock: 1 })
        const order = await createLocalReq({}, payload)
        await initTransaction(order)
        await takeStock(await transactionSql(order), product.id, 1)
        const data = { model: 'Renamed while sold out' }
        const options = { depth: 0, user: staff, overrideAccess: false } as const
        const edit =
          target === 'id'
            ? payload.update({ collection: 'products', id: product.id, data, ...options })
            : payload.update({
                collection: 'products',
                where: { id: { equals: product.id } },
                data,
                ...options,
              })
        await untilQueriesWaitForLocks()
        await commitTransaction(order)
        await edit
        expect(await storedProduct(payload, product.id)).toMatchObject({
          model: 'Renamed while sold out',
          stock: 0,
          available: false,
        })
      },
    )
  })
  describe('lock order: an order before its products, a product before its reviews', () => {
    let staff: TestUser

    beforeAll(async () => {
      staff = await createUser(payload, ['staff'])
    })

    /** Another transaction holding the rows `query` locks; the function returned commits it. */
    const holdLocks = async (query: SQL): Promise<() => Promise<void>> => {
      const blocker = await createLocalReq({}, payload)
      await initTransaction(blocker)
      await (
        await transactionSql(blocker)
      )(query)
      return () => commitTransaction(blocker)
    }

    /** A review deleted or edited by its author; a write by `where` throws what it reports. */
    const changeReview = async (
      action: 'delete' | 'update' | 'delete by where' | 'update by where',
      user: TestUser,
      id: number,
    ): Promise<unknown> => {
      const options = { depth: 0, user, overrideAccess: false } as const
      const data = { rating: 1 }
      if (action === 'delete') return payload.delete({ collection: 'reviews', id, ...options })
      if (action === 'update')
        return payload.update({ collection: 'reviews', id, data, ...options })
      const where = { id: { equals: id } }
      const { docs, errors } =
        action === 'delete by where'
          ? await payload.delete({ collection: 'reviews', where, ...options })
          : await payload.update({ collection: 'reviews', where, data, ...options })
      if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('; '))
      expect(docs).toHaveLength(1)
      return docs
    }

    it.each(['delete', 'update', 'delete by where', 'update by where'] as const)(
      'cancels an order and runs a review %s of the same customer and product, interleaved, without a deadlock',
      async (action) => {
        const customer = await createUser(payload, ['customer'])
        const product = await createProduct(payload, { stock: 10 })
        const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
        const review = await writeReview(payload, customer, product.id, 4)
        // Holding the order's lines stops the cancel after it has taken the product's row (to
        // return the stock) and before it refreshes the customer's reviews of that product.
        const release = await holdLocks(
          sql`SELECT 1 FROM orders_items WHERE _parent_id = ${order.id} FOR UPDATE`,
        )
        const cancel = payload.update({
          collection: 'orders',
          id: order.id,
          data: { status: 'cancelled' },
          depth: 0,
          user: customer,
          overrideAccess: false,
        })
        await untilQueriesWaitForLocks(1)
        const change = changeReview(action, customer, review.id)
        await untilQueriesWaitForLocks(2)
        await release()
        const results = await Promise.allSettled([cancel, change])
        for (const result of results) if (result.status === 'rejected') throw result.reason
        expect(await stockOf(payload, product.id)).toBe(10)
        const { stored, truth } = await ratingAndTruth(product.id)
        expect(stored).toEqual(truth)
        expect(stored).toEqual(
          action.startsWith('delete') ? { count: 0, average: 0 } : { count: 1, average: 1 },
        )
      },
    )

    it('refuses with 409 a review edit whose review moved to another product while it waited for the first', async () => {
      const customer = await createUser(payload, ['customer'])
      const [first, second] = [await createProduct(payload), await createProduct(payload)]
      const review = await writeReview(payload, customer, first.id, 4)
      const release = await holdLocks(sql`SELECT 1 FROM products WHERE id = ${first.id} FOR UPDATE`)
      const edit = changeReview('update', customer, review.id)
      await untilQueriesWaitForLocks(1)
      await databasePool(payload).query('UPDATE reviews SET product_id = $1 WHERE id = $2', [
        second.id,
        review.id,
      ])
      await release()
      expect(await failureOf(edit)).toMatchObject({
        status: 409,
        message: `Review ${review.id} was moved to another product meanwhile; nothing was changed, please try again`,
      })
      const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0 })
      expect(stored).toMatchObject({ product: second.id, rating: 4 })
    })

    it('keeps stock, ratings and verified purchases exact when staff cancel paid orders while their customers delete or edit their reviews', async () => {
      const product = await createProduct(payload, { stock: 20 })
      const buyers = customers.slice(0, 10)
      const orders: Order[] = []
      const reviews: Review[] = []
      for (const [index, customer] of buyers.entries()) {
        const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
        orders.push(await setOrderStatus(payload, order.id, 'paid', staff))
        reviews.push(await writeReview(payload, customer, product.id, (index % 5) + 1))
      }
      expect(reviews.every((review) => review.verifiedPurchase)).toBe(true)
      const results = await Promise.allSettled(
        buyers.flatMap((customer, index) => [
          setOrderStatus(payload, orders[index].id, 'cancelled', staff),
          changeReview(index % 2 === 0 ? 'delete' : 'update', customer, reviews[index].id),
        ]),
      )
      for (const result of results) if (result.status === 'rejected') throw result.reason
      expect((await stockOf(payload, product.id)) + (await heldUnits(product.id))).toBe(20)
      expect(await stockOf(payload, product.id)).toBe(20)
      const { stored, truth } = await ratingAndTruth(product.id)
      expect(stored).toEqual(truth)
      expect(stored).toEqual({ count: buyers.length / 2, average: 1 })
      const { docs: left } = await payload.find({
        collection: 'reviews',
        where: { product: { equals: product.id } },
        depth: 0,
        pagination: false,
      })
      expect(left.map((review) => review.verifiedPurchase)).toEqual(left.map(() => false))
    })
    it('ends a sign-in that a token refresh adds while a password reset of the account runs', async () => {
      const customer = await createUser(payload, ['customer'])
      const token = await payload.forgotPassword({
        collection: 'users',
        data: { email: customer.email },
        disableEmail: true,
      })
      // A refresh in flight: it holds the user's token lock and is about to add its session.
      const refresh = await createLocalReq({}, payload)
      await initTransaction(refresh)
      const refreshSql = await transactionSql(refresh)
      await lockUserTokens(refreshSql, customer.id)
      const reset = payload.resetPassword({
        collection: 'users',
        data: { token, password: 'Reset-Horse-77' },
        overrideAccess: true,
      })
      await untilQueriesWaitForLocks(1)
      const expires = new Date(Date.now() + 3_600_000).toISOString()
      await refreshSql(
        sql`INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at)
            VALUES (1, ${customer.id}, 'refreshed-during-reset', now(), ${expires})`,
      )
      await commitTransaction(refresh)
      await expect(reset).resolves.toMatchObject({ user: { id: customer.id } })
      // Before, the reset cleared the sessions and committed before taking the token lock (to
      // revoke the refresh tokens), so the refresh's session survived it.
      const { rows } = await databasePool(payload).query(
        'SELECT id FROM users_sessions WHERE _parent_id = $1',
        [customer.id],
      )
      expect(rows.map((row) => row.id)).not.toContain('refreshed-during-reset')
      expect(rows).toHaveLength(1)
    })

    it('lets one reset link be used once when it is used five times at once', async () => {
      const customer = await createUser(payload, ['customer'])
      const token = await payload.forgotPassword({
        collection: 'users',
        data: { email: customer.email },
        disableEmail: true,
      })
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, index) =>
          payload.resetPassword({
            collection: 'users',
            data: { token, password: `Reset-Horse-7${index}` },
            overrideAccess: true,
          }),
        ),
      )
      const done = results.filter((result) => result.status === 'fulfilled')
      expect(done).toHaveLength(1)
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ status: 403 })
      }
      const winner = results.findIndex((result) => result.status === 'fulfilled')
      await expect(
        payload.login({
          collection: 'users',
          data: { email: customer.email, password: `Reset-Horse-7${winner}` },
        }),
      ).resolves.toMatchObject({ user: { id: customer.id } })
    })

    it('refuses with 403, never 500, a token refresh whose session a sign-out ended after the token was checked', async () => {
      const customer = await createUser(payload, ['customer'])
      const { token } = await payload.login({
        collection: 'users',
        data: { email: customer.email, password: PASSWORD },
      })
      const sid = (
        JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString()) as {
          sid: string
        }
      ).sid
      // The refresh authenticated the token while the session existed; "log out everywhere"
      // committed before Payload's refresh read the user.
      await databasePool(payload).query('DELETE FROM users_sessions WHERE _parent_id = $1', [
        customer.id,
      ])
      const signedIn = { ...customer, _sid: sid }
      const req = await createLocalReq({ user: signedIn }, payload)
      await expect(
        refreshOperation({ collection: payload.collections.users, req }),
      ).rejects.toMatchObject({ status: 403 })
      const { rows } = await databasePool(payload).query(
        'SELECT id FROM users_sessions WHERE _parent_id = $1',
        [customer.id],
      )
      expect(rows).toEqual([])
    })
  })

  describe('one category or media file deleted by parallel requests', () => {
    let staff: TestUser

    beforeAll(async () => {
      staff = await createUser(payload, ['staff'])
    })

    const exists = async (collection: 'categories' | 'media', id: number): Promise<boolean> =>
      (await payload.count({ collection, where: { id: { equals: id } } })).totalDocs === 1

    /** 8 parallel calls: deletes at even positions, `edit`s at odd ones; how many deletes won. */
    const raceDeletesAndEdits = async (
      remove: (index: number) => Promise<unknown>,
      edit: () => Promise<unknown>,
    ): Promise<number> => {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? remove(index) : edit())),
      )
      for (const result of results) {
        if (result.status === 'rejected' && result.reason.status !== 404) throw result.reason
      }
      return results.filter((result, index) => index % 2 === 0 && result.status === 'fulfilled')
        .length
    }

    it('deletes a category once under parallel deletes and edits: the others answer 404, never 500', async () => {
      const category = await createCategory(payload)
      const options = { id: category.id, depth: 0, user: staff, overrideAccess: false } as const
      const deletes = await raceDeletesAndEdits(
        () => payload.delete({ collection: 'categories', ...options }),
        () =>
          payload.update({
            collection: 'categories',
            data: { description: 'Edited during a delete' },
            ...options,
          }),
      )
      expect(deletes).toBe(1)
      expect(await exists('categories', category.id)).toBe(false)
    })

    it('deletes a media file and its sizes once under parallel deletes and edits: the others answer 404', async () => {
      const uploader = await createUser(payload, ['vendor'])
      const data = await pngBytes(1800, 1200)
      const media = await payload.create({
        collection: 'media',
        data: { alt: 'Deleted in parallel' },
        file: { data, mimetype: 'image/png', name: `race-${unique()}.png`, size: data.length },
        user: uploader,
        overrideAccess: false,
      })
      const files = [
        media.filename,
        ...Object.values(media.sizes ?? {}).map((size) => size?.filename),
      ]
        .filter((name): name is string => typeof name === 'string')
        .map((name) => path.resolve(process.cwd(), 'media', name))
      expect(files).toHaveLength(4)
      expect(files.every((file) => fs.existsSync(file))).toBe(true)
      const deletes = await raceDeletesAndEdits(
        (index) =>
          payload.delete({
            collection: 'media',
            id: media.id,
            depth: 0,
            user: index % 4 ? staff : uploader,
            overrideAccess: false,
          }),
        () =>
          payload.update({
            collection: 'media',
            id: media.id,
            data: { alt: 'Edited during a delete' },
            depth: 0,
            user: uploader,
            overrideAccess: false,
          }),
      )
      expect(deletes).toBe(1)
      expect(await exists('media', media.id)).toBe(false)
      expect(files.filter((file) => fs.existsSync(file))).toEqual([])
    })
  })
})
