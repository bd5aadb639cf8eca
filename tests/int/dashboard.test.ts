import type { Payload } from 'payload'

import {
  dashboardScope,
  type DashboardData,
  loadDashboard,
} from '../../src/lib/dashboard/dashboardData'
import { databasePool } from '../../src/lib/databasePool'
import {
  createProduct,
  createUser,
  placeOrder,
  setOrderStatus,
  type TestUser,
  writeReview,
} from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

const DAY = 24 * 60 * 60 * 1000

/** Noon (UTC) `daysAgo` days before today: inside that day's bucket whatever the time now. */
const noonDaysAgo = (daysAgo: number): Date => {
  const today = new Date()
  today.setUTCHours(12, 0, 0, 0)
  return new Date(today.getTime() - daysAgo * DAY)
}
const utcDay = (date: Date) => date.toISOString().slice(0, 10)

/**
 * The dashboard's aggregate SQL on a database of this file's own with known fixtures: two vendors'
 * products, five orders on known days in every status, reviews; every figure is checked exactly,
 * for the store and for each vendor (who must never see the other's).
 */
describe('dashboard figures (aggregate SQL)', () => {
  let payload: Payload
  let vendorA: TestUser
  let vendorB: TestUser
  const ids: Record<string, number> = {}
  let store: DashboardData
  let ofA: DashboardData
  let ofB: DashboardData

  const backdate = (orderId: number, at: Date) =>
    databasePool(payload).query('UPDATE orders SET created_at = $2 WHERE id = $1', [orderId, at])

  beforeAll(async () => {
    payload = await initPayload()
    const staff = await createUser(payload, ['staff'])
    vendorA = await createUser(payload, ['vendor'])
    vendorB = await createUser(payload, ['vendor'])
    const [alice, bob] = [await createUser(payload), await createUser(payload)]
    const a = { owner: vendorA.id }
    const b = { owner: vendorB.id }
    ids.a1 = (await createProduct(payload, { ...a, model: 'A1', price: 10, stock: 20 })).id
    ids.a2 = (
      await createProduct(payload, { ...a, model: 'A2', price: 25.5, discount: 10, stock: 3 })
    ).id
    ids.a3 = (await createProduct(payload, { ...a, model: 'A3', status: 'pending', stock: 2 })).id
    ids.a4 = (await createProduct(payload, { ...a, model: 'A4', stock: 0 })).id
    ids.b1 = (await createProduct(payload, { ...b, model: 'B1', price: 100, stock: 50 })).id
    ids.b2 = (await createProduct(payload, { ...b, model: 'B2', status: 'rejected', stock: 1 })).id
    ids.b3 = (await createProduct(payload, { ...b, model: 'B3', stock: 4 })).id
    // A4 is in the trash: never low on stock.
    await databasePool(payload).query('UPDATE products SET deleted_at = now() WHERE id = $1', [
      ids.a4,
    ])

    // o1 paid 120 (A 20 + B 100), o4 cancelled 110 (A 10 + B 100): two days ago.
    // o2 delivered 22.95 (A), o3 pending 200 (B): today. o5 shipped 10 (A): 40 days ago.
    const o1 = await placeOrder(payload, alice, [
      { product: ids.a1, quantity: 2 },
      { product: ids.b1, quantity: 1 },
    ])
    await setOrderStatus(payload, o1.id, 'paid')
    const o2 = await placeOrder(payload, bob, [{ product: ids.a2, quantity: 1 }])
    for (const status of ['paid', 'shipped', 'delivered'] as const) {
      await setOrderStatus(payload, o2.id, status)
    }
    const o3 = await placeOrder(payload, bob, [{ product: ids.b1, quantity: 2 }])
    const o4 = await placeOrder(payload, alice, [
      { product: ids.a1, quantity: 1 },
      { product: ids.b1, quantity: 1 },
    ])
    await setOrderStatus(payload, o4.id, 'cancelled')
    const o5 = await placeOrder(payload, alice, [{ product: ids.a1, quantity: 1 }])
    for (const status of ['paid', 'shipped'] as const) {
      await setOrderStatus(payload, o5.id, status)
    }
    await backdate(o1.id, noonDaysAgo(2))
    await backdate(o4.id, noonDaysAgo(2))
    await backdate(o2.id, noonDaysAgo(0))
    await backdate(o3.id, noonDaysAgo(0))
    await backdate(o5.id, noonDaysAgo(40))

    await writeReview(payload, alice, ids.a1, 5)
    await writeReview(payload, bob, ids.a1, 3)
    const hidden = await writeReview(payload, alice, ids.b1, 4)
    await payload.update({
      collection: 'reviews',
      id: hidden.id,
      data: { status: 'hidden' },
      user: staff,
      overrideAccess: false,
    })

    const options = { threshold: 5 }
    store = await loadDashboard(payload, { kind: 'store' }, options)
    ofA = await loadDashboard(payload, { kind: 'vendor', vendorId: vendorA.id }, options)
    ofB = await loadDashboard(payload, { kind: 'vendor', vendorId: vendorB.id }, options)
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  /** The chart's non-empty days, as `day → [orders, revenue cents]`. */
  const activeDays = (data: DashboardData) =>
    Object.fromEntries(
      data.daily
        .filter((day) => day.orders > 0 || day.revenueCents > 0)
        .map((day) => [day.day, [day.orders, day.revenueCents]]),
    )

  it('charts 30 consecutive UTC days ending today, with zero days filled in', () => {
    expect(store.daily).toHaveLength(30)
    expect(store.daily.at(-1)?.day).toBe(utcDay(noonDaysAgo(0)))
    expect(store.daily[0].day).toBe(utcDay(noonDaysAgo(29)))
    for (const [index, day] of store.daily.entries()) {
      expect(day.day).toBe(utcDay(noonDaysAgo(29 - index)))
    }
  })

  it('counts every order placed per day and the revenue of purchased ones (in cents)', () => {
    expect(activeDays(store)).toEqual({
      [utcDay(noonDaysAgo(2))]: [2, 12_000],
      [utcDay(noonDaysAgo(0))]: [2, 2_295],
    })
    expect(store.totals).toEqual({ orders: 4, revenueCents: 14_295 })
  })

  it('gives a vendor the revenue of their own order lines only', () => {
    expect(activeDays(ofA)).toEqual({
      [utcDay(noonDaysAgo(2))]: [2, 2_000],
      [utcDay(noonDaysAgo(0))]: [1, 2_295],
    })
    expect(ofA.totals).toEqual({ orders: 3, revenueCents: 4_295 })
    expect(activeDays(ofB)).toEqual({
      [utcDay(noonDaysAgo(2))]: [2, 10_000],
      [utcDay(noonDaysAgo(0))]: [1, 0],
    })
    expect(ofB.totals).toEqual({ orders: 3, revenueCents: 10_000 })
  })

  it('counts orders by status, every status listed, for the store and per vendor', () => {
    const table = (data: DashboardData) =>
      Object.fromEntries(data.byStatus.map((row) => [row.status, [row.orders, row.cents]]))
    expect(table(store)).toEqual({
      pending: [1, 20_000],
      paid: [1, 12_000],
      shipped: [1, 1_000],
      delivered: [1, 2_295],
      cancelled: [1, 11_000],
    })
    expect(table(ofA)).toEqual({
      pending: [0, 0],
      paid: [1, 2_000],
      shipped: [1, 1_000],
      delivered: [1, 2_295],
      cancelled: [1, 1_000],
    })
    expect(table(ofB)).toEqual({
      pending: [1, 20_000],
      paid: [1, 10_000],
      shipped: [0, 0],
      delivered: [0, 0],
      cancelled: [1, 10_000],
    })
  })

  it('queues pending products for staff, and a vendor their own pending and rejected ones', () => {
    expect(store.moderation.total).toBe(1)
    expect(store.moderation.products.map((product) => product.id)).toEqual([ids.a3])
    expect(store.moderation.products[0]).toMatchObject({ status: 'pending', name: 'Acme A3' })
    expect(ofA.moderation.products.map((product) => product.id)).toEqual([ids.a3])
    expect(ofB.moderation.total).toBe(1)
    expect(ofB.moderation.products).toEqual([
      expect.objectContaining({
        id: ids.b2,
        status: 'rejected',
        rejectionReason: 'Rejected for the test',
      }),
    ])
  })

  it('lists low stock at or under the threshold, without trashed or rejected products', () => {
    expect(store.lowStock.products.map((p) => [p.id, p.stock])).toEqual([
      [ids.a2, 2],
      [ids.a3, 2],
      [ids.b3, 4],
    ])
    expect(store.lowStock.total).toBe(3)
    expect(ofA.lowStock.products.map((p) => p.id)).toEqual([ids.a2, ids.a3])
    expect(ofB.lowStock.products.map((p) => p.id)).toEqual([ids.b3])
  })

  it('honours the threshold it is given', async () => {
    const strict = await loadDashboard(payload, { kind: 'store' }, { threshold: 2 })
    expect(strict.lowStock.products.map((p) => p.id)).toEqual([ids.a2, ids.a3])
    expect(strict.lowStock.threshold).toBe(2)
  })

  it('shows the newest reviews and their summary, a vendor only of their products', () => {
    expect(store.reviews).toMatchObject({ published: 2, hidden: 1, average: 4 })
    expect(store.reviews.newest.map((review) => review.productId).sort()).toEqual(
      [ids.a1, ids.a1, ids.b1].sort(),
    )
    expect(ofA.reviews).toMatchObject({ published: 2, hidden: 0, average: 4 })
    expect(ofA.reviews.newest.every((review) => review.productId === ids.a1)).toBe(true)
    expect(ofB.reviews).toMatchObject({ published: 0, hidden: 1, average: null })
    expect(ofB.reviews.newest).toEqual([
      expect.objectContaining({ productId: ids.b1, status: 'hidden' }),
    ])
  })

  it("never shows a vendor another vendor's products", () => {
    const productIds = (data: DashboardData) => [
      ...data.moderation.products.map((p) => p.id),
      ...data.lowStock.products.map((p) => p.id),
      ...data.reviews.newest.map((r) => r.productId),
    ]
    expect(productIds(ofA).every((id) => [ids.a1, ids.a2, ids.a3].includes(id))).toBe(true)
    expect(productIds(ofB).every((id) => [ids.b1, ids.b2, ids.b3].includes(id))).toBe(true)
  })

  it('scopes by role: staff the store, a vendor their own, customers and API tokens nothing', () => {
    expect(dashboardScope({ id: 1, roles: ['staff'] })).toEqual({ kind: 'store' })
    expect(dashboardScope({ id: 1, roles: ['admin'] })).toEqual({ kind: 'store' })
    expect(dashboardScope({ id: vendorA.id, roles: ['vendor'] })).toEqual({
      kind: 'vendor',
      vendorId: vendorA.id,
    })
    expect(dashboardScope({ id: 1, roles: ['customer'] })).toBeNull()
    // Staff powers need a session; an API token acts with its customer/vendor roles only.
    expect(dashboardScope({ id: 1, roles: ['staff'], _strategy: 'api-token' })).toBeNull()
    expect(dashboardScope({ id: 7, roles: ['staff', 'vendor'], _strategy: 'api-token' })).toEqual({
      kind: 'vendor',
      vendorId: 7,
    })
    expect(dashboardScope(null)).toBeNull()
  })
})
