import { ORDER_TRANSITIONS } from '../../src/operations/orderTransitions'
import type { Payload } from 'payload'

import { loadDashboard } from '../../src/lib/dashboard/dashboardData'
import { databasePool } from '../../src/lib/databasePool'
import { finalPriceCents, toCents } from '../../src/lib/money'
import { openAddress } from '../../src/lib/shippingAddress'
import { ORDER_STATUSES } from '../../src/lib/statuses'
import { demoUsers } from '../../src/seed/demoCatalog'
import { seedDemo } from '../../src/seed/seedDemo'
import { closePayload, initPayload } from '../helpers/payload'

/**
 * The whole demo seed on an empty database of this file's own, then what it stored checked in
 * SQL against the rules the hooks enforce: the bulk part bypasses them, so it must store exactly
 * what they would have.
 */
describe('demo seed volume', () => {
  let payload: Payload
  let seedMs: number
  const query = async <Row>(text: string, values: unknown[] = []) =>
    (await databasePool(payload).query(text, values)).rows as Row[]

  beforeAll(async () => {
    payload = await initPayload()
    const started = performance.now()
    await seedDemo(payload)
    seedMs = performance.now() - started
  }, 300_000)

  afterAll(async () => {
    await closePayload(payload)
  })

  it('seeds about 200 products across 4+ vendors, some pending and some rejected', async () => {
    const [counts] = await query<Record<string, number>>(`
      SELECT count(*)::int AS products,
             count(*) FILTER (WHERE status = 'pending')::int AS pending,
             count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
             count(DISTINCT owner_id)::int AS owners
        FROM products`)
    expect(counts.products).toBeGreaterThanOrEqual(190)
    expect(counts.products).toBeLessThanOrEqual(210)
    expect(counts.pending).toBeGreaterThanOrEqual(5)
    expect(counts.rejected).toBeGreaterThanOrEqual(5)
    const vendors = await query<{ id: number; products: number }>(`
      SELECT u.id, count(p.id)::int AS products
        FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'vendor'
        LEFT JOIN products p ON p.owner_id = u.id GROUP BY u.id`)
    expect(vendors.length).toBeGreaterThanOrEqual(4)
    expect(vendors.every((vendor) => vendor.products >= 20)).toBe(true)
    console.log(`demo seed took ${Math.round(seedMs)} ms`)
  })

  it('records moderation as the operation does: reason and moderator on rejections', async () => {
    const bad = await query(`
      SELECT id FROM products
       WHERE (status = 'rejected' AND (coalesce(trim(rejection_reason), '') = ''
                                       OR reviewed_by_id IS NULL OR reviewed_at IS NULL))
          OR (status = 'approved' AND rejection_reason IS NOT NULL)
          OR (status = 'pending' AND owner_id IS NULL)
          OR (status <> 'pending' AND owner_id IS NOT NULL AND reviewed_at < created_at)`)
    expect(bad).toEqual([])
  })

  it('derives final prices and availability the way the hooks do', async () => {
    const products = await query<{
      price: string
      discount: string
      final_price: string
      available: boolean
      status: string
      stock: string
      deleted: boolean
    }>(
      `SELECT price, discount, final_price, available, status, stock,
              deleted_at IS NOT NULL AS deleted FROM products`,
    )
    for (const product of products) {
      expect(toCents(Number(product.final_price))).toBe(
        finalPriceCents(Number(product.price), Number(product.discount)),
      )
      expect(product.available).toBe(
        product.status === 'approved' && !product.deleted && Number(product.stock) > 0,
      )
      expect(Number(product.stock)).toBeGreaterThanOrEqual(0)
    }
    const [low] = await query<{ low: number }>(
      `SELECT count(*)::int AS low FROM products WHERE stock <= 5 AND status = 'approved'`,
    )
    expect(low.low).toBeGreaterThanOrEqual(5)
  })

  it('seeds about 300 orders over the last 60 days, in every status', async () => {
    const [orders] = await query<{ orders: number; days: number; oldest: number; future: number }>(`
      SELECT count(*)::int AS orders,
             count(DISTINCT date_trunc('day', created_at))::int AS days,
             extract(day FROM now() - min(created_at))::int AS oldest,
             count(*) FILTER (WHERE created_at > now())::int AS future
        FROM orders`)
    expect(orders.orders).toBeGreaterThanOrEqual(280)
    expect(orders.orders).toBeLessThanOrEqual(330)
    expect(orders.days).toBeGreaterThanOrEqual(40)
    expect(orders.oldest).toBeGreaterThanOrEqual(50)
    expect(orders.oldest).toBeLessThanOrEqual(60)
    expect(orders.future).toBe(0)
    const statuses = await query<{ status: string; orders: number }>(
      `SELECT status, count(*)::int AS orders FROM orders GROUP BY status`,
    )
    expect(statuses.map((row) => row.status).sort()).toEqual([...ORDER_STATUSES].sort())
    expect(statuses.every((row) => row.orders >= 10)).toBe(true)
    const [recent] = await query<{ orders: number }>(
      `SELECT count(*)::int AS orders FROM orders WHERE created_at >= now() - interval '30 days'`,
    )
    expect(recent.orders).toBeGreaterThanOrEqual(100)
  })

  it('prices every line and total in cents from the product prices, with a readable address', async () => {
    const lines = await query<{
      unit_price: string
      discount: string
      quantity: string
      line_total: string
    }>(`SELECT unit_price, discount, quantity, line_total FROM orders_items`)
    expect(lines.length).toBeGreaterThan(300)
    for (const line of lines) {
      expect(toCents(Number(line.line_total))).toBe(
        finalPriceCents(Number(line.unit_price), Number(line.discount)) * Number(line.quantity),
      )
    }
    const wrongTotals = await query(`
      SELECT o.id FROM orders o JOIN orders_items i ON i._parent_id = o.id
       GROUP BY o.id, o.total
      HAVING round(o.total * 100) <> sum(round(i.line_total * 100))`)
    expect(wrongTotals).toEqual([])
    const [{ currencies }] = await query<{ currencies: string[] }>(
      `SELECT array_agg(DISTINCT currency) AS currencies FROM orders`,
    )
    expect(currencies).toEqual([process.env.STORE_CURRENCY ?? 'EUR'])
    // Each order ships to its customer, in their name.
    const sealed = await query<{ shipping_address_encrypted: string; name: string }>(
      `SELECT o.shipping_address_encrypted, coalesce(u.name, u.username) AS name
         FROM orders o JOIN users u ON u.id = o.customer_id ORDER BY o.id DESC LIMIT 20`,
    )
    for (const row of sealed) {
      const address = openAddress(row.shipping_address_encrypted)
      expect(address.city).toBeTruthy()
      expect(address.name).toBe(row.name)
    }
    // Orders and their lines read back through the Local API like any other.
    const { docs } = await payload.find({ collection: 'orders', limit: 3, depth: 0 })
    expect(docs[0].items.length).toBeGreaterThan(0)
    expect(docs[0].shippingAddress?.city).toBeTruthy()
  })

  it('orders only listed products, placed after they existed', async () => {
    const bad = await query(`
      SELECT i.id FROM orders_items i
        JOIN orders o ON o.id = i._parent_id
        JOIN products p ON p.id = i.product_id
       WHERE p.status <> 'approved' OR p.created_at > o.created_at`)
    expect(bad).toEqual([])
  })

  it('rates products from their published reviews, verified where the author bought it', async () => {
    const [reviews] = await query<{ reviews: number; verified: number; hidden: number }>(`
      SELECT count(*)::int AS reviews,
             count(*) FILTER (WHERE verified_purchase)::int AS verified,
             count(*) FILTER (WHERE status = 'hidden')::int AS hidden
        FROM reviews`)
    expect(reviews.reviews).toBeGreaterThanOrEqual(150)
    expect(reviews.verified).toBeGreaterThanOrEqual(50)
    expect(reviews.hidden).toBeGreaterThanOrEqual(1)
    const wrongRatings = await query(`
      SELECT p.id FROM products p
        LEFT JOIN (SELECT product_id, count(*) AS count, round(avg(rating), 2) AS average
                     FROM reviews WHERE status = 'published' GROUP BY product_id) t
          ON t.product_id = p.id
       WHERE p.rating_count <> coalesce(t.count, 0)
          OR p.rating_average <> coalesce(t.average, 0)`)
    expect(wrongRatings).toEqual([])
    const wrongVerified = await query(`
      SELECT r.id FROM reviews r
       WHERE r.verified_purchase <> EXISTS (
               SELECT 1 FROM orders o JOIN orders_items i ON i._parent_id = o.id
                WHERE o.customer_id = r.author_id AND i.product_id = r.product_id
                  AND o.status IN ('paid', 'shipped', 'delivered'))`)
    expect(wrongVerified).toEqual([])
    const unlisted = await query(`
      SELECT r.id FROM reviews r JOIN products p ON p.id = r.product_id
       WHERE p.status <> 'approved'`)
    expect(unlisted).toEqual([])
  })

  it('keeps the stock the orders left: an edit through the API does not bring it back', async () => {
    const [product] = await query<{ id: number; stock: string }>(`
      SELECT p.id, p.stock FROM products p
       WHERE EXISTS (SELECT 1 FROM orders_items i WHERE i.product_id = p.id)
       ORDER BY p.id LIMIT 1`)
    const updated = await payload.update({
      collection: 'products',
      id: product.id,
      data: { discount: 0 },
      depth: 0,
    })
    expect(updated.stock).toBe(Number(product.stock))
  })

  it('finds the generated products through the catalog search', async () => {
    const [{ brand }] = await query<{ brand: string }>(
      `SELECT brand FROM products WHERE status = 'approved' ORDER BY id DESC LIMIT 1`,
    )
    const [{ matches }] = await query<{ matches: number }>(
      `SELECT count(*)::int AS matches FROM products
        WHERE search_vector @@ plainto_tsquery('english', $1)`,
      [brand],
    )
    expect(matches).toBeGreaterThan(0)
  })

  it('computes the dashboard of the demo store for the store and a vendor', async () => {
    const [{ vendor }] = await query<{ vendor: number }>(
      `SELECT id AS vendor FROM users WHERE email = $1`,
      [demoUsers.vendors[0].email],
    )
    const store = await loadDashboard(payload, { kind: 'store' })
    const own = await loadDashboard(payload, { kind: 'vendor', vendorId: vendor })
    expect(store.totals.orders).toBeGreaterThan(100)
    expect(own.totals.revenueCents).toBeGreaterThan(0)
    expect(own.totals.revenueCents).toBeLessThan(store.totals.revenueCents)
    expect(new Set(store.byStatus.map((row) => row.orders > 0))).toEqual(new Set([true]))
  })

  it('gives every seeded order its title and a legal status timeline ending at its status', async () => {
    const orders = await query<{
      id: number
      title: string | null
      status: string
      moves: string[]
    }>(
      `SELECT o.id, o.title, o.status::text AS status,
              array_agg(coalesce(h."from"::text, '') || '>' || h."to"::text ORDER BY h._order) AS moves
         FROM orders o JOIN orders_status_history h ON h._parent_id = o.id
        GROUP BY o.id`,
    )
    const [{ count }] = await query<{ count: string }>(`SELECT count(*) FROM orders`)
    expect(orders.length).toBe(Number(count))
    const legal = new Set(ORDER_TRANSITIONS.map((move) => `${move.from}>${move.to}`))
    for (const order of orders) {
      expect(order.title).toMatch(new RegExp(`^#${order.id} · \\S+ · `))
      expect(order.moves[0]).toBe('>pending')
      for (const move of order.moves.slice(1)) expect(legal).toContain(move)
      expect(order.moves.at(-1)!.split('>')[1]).toBe(order.status)
    }
  })

  it('lets every demo account in with its printed password', async () => {
    for (const account of [demoUsers.admin, demoUsers.vendors[3], demoUsers.customers[11]]) {
      const result = await payload.login({
        collection: 'users',
        data: { email: account.email, password: account.password },
      })
      expect(result.user?.email).toBe(account.email)
    }
  })
})
