/**
 * The demo store's volume: about 165 more products across the vendors, about 300 orders over
 * the last 60 days in every status, a few hundred reviews. Written in bulk SQL, in one
 * transaction: the Local API would take minutes for this many documents. What gets stored is
 * what the hooks would have produced, computed with the same functions:
 * - products: `finalPrice` (`discountedPrice`), `available` (`isAvailable`), the moderation
 *   record of each decision (`moderationRecord`), search columns by the table's own triggers;
 * - orders: lines priced by `pricedLine` (integer cents), totals by `orderTotal`, the store
 *   currency, the address sealed by `sealAddress`;
 * - stock: each product's stock is what is left after its open and fulfilled orders took theirs
 *   (cancelled orders gave theirs back), never below zero;
 * - reviews: one per customer and product, of approved products; `verifiedPurchase` and the
 *   products' ratings recomputed by the same SQL as the hooks (`refreshAll…`).
 * Dates are backdated (`createdAt`) so the dashboard has 60 days of history. Deterministic: a
 * seeded random generator, so every fresh demo store is the same.
 */
import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
} from 'payload'

import type { User } from '../payload-types'
import { availableSql, isAvailable, listedSql } from '../lib/availability'
import { discountedPrice, orderTotal, storeCurrency } from '../lib/money'
import { pricedLine } from '../lib/orderLines'
import { refreshAllProductRatings } from '../lib/productRating'
import { sealAddress } from '../lib/shippingAddress'
import type { ShippingAddress } from '../lib/shippingAddressRules'
import { slugify } from '../lib/slugify'
import { sqlText, sqlTextList } from '../lib/sqlText'
import {
  NEW_ORDER_STATUS,
  type OrderStatus,
  PENDING_PRODUCT_STATUS,
  type ProductStatus,
  PURCHASED_STATUSES,
} from '../lib/statuses'
import { type SQL, transactionSql, type TransactionSql } from '../lib/transactionSql'
import { refreshAllVerifiedPurchases } from '../lib/verifiedPurchase'
import { refreshOrderTitles } from '../lib/orderTitles'
import { ORDER_TRANSITIONS } from '../operations/orderTransitions'
import { moderationRecord } from '../operations/productModeration'
import { demoCategories } from './demoCatalog'
import { richText } from './richText'

const DAY = 24 * 60 * 60 * 1000
export const VOLUME_PRODUCTS = 165
export const VOLUME_ORDERS = 300
export const ORDER_DAYS = 60

type Category = (typeof demoCategories)[number]['name']

/** Brands and product lines per category, and a price range in whole units. */
const LINES: Record<Category, { brands: string[]; lines: string[]; price: [number, number] }> = {
  Phones: {
    brands: ['Motorola', 'Xiaomi', 'OnePlus', 'Nothing', 'Honor', 'Oppo'],
    lines: ['Edge', 'Nova', 'Phone', 'Reno', 'Note', 'Moto G'],
    price: [149, 1099],
  },
  Laptops: {
    brands: ['HP', 'MSI', 'Huawei', 'Razer', 'Microsoft', 'LG'],
    lines: ['Spectre', 'Prestige', 'MateBook', 'Blade', 'Surface Laptop', 'Gram'],
    price: [599, 2499],
  },
  Audio: {
    brands: ['Marshall', 'Bang & Olufsen', 'Jabra', 'Beyerdynamic', 'Audio-Technica', 'Anker'],
    lines: ['Major', 'Beoplay', 'Elite', 'Amiron', 'ATH-M', 'Soundcore'],
    price: [39, 699],
  },
  Cameras: {
    brands: ['Panasonic', 'Olympus', 'Ricoh', 'Insta360', 'Leica', 'Sigma'],
    lines: ['Lumix', 'OM', 'GR', 'X', 'Q', 'fp'],
    price: [299, 3999],
  },
  Wearables: {
    brands: ['Polar', 'Suunto', 'Amazfit', 'Withings', 'Coros', 'Huawei'],
    lines: ['Vantage', 'Race', 'GTR', 'ScanWatch', 'Pace', 'Watch GT'],
    price: [79, 899],
  },
  Home: {
    brands: ['Eufy', 'Ecovacs', 'Tado', 'Netatmo', 'Ring', 'Shark'],
    lines: ['RoboVac', 'Deebot', 'Smart Thermostat', 'Weather Station', 'Doorbell', 'Stratos'],
    price: [49, 1299],
  },
}
const VARIANTS = ['', ' Pro', ' Lite', ' Max', ' Plus', ' Mini', ' SE', ' Ultra', ' Air']

const REJECTION_REASONS = [
  'The pictures show a different model: please upload photos of this one.',
  'The description copies the manufacturer text word for word; please write your own.',
  'The price looks wrong (ten times the usual price): please check it.',
  'Refurbished items must say so in the title and the description.',
  'The product is in the wrong category.',
]

const REVIEW_TEXTS: Array<{ rating: number; title: string; body: string }> = [
  { rating: 5, title: 'Excellent', body: 'Does everything it promises; delivery was fast.' },
  { rating: 5, title: 'Love it', body: 'Great quality for the price. Would recommend.' },
  { rating: 4, title: 'Very good', body: 'Solid and well made; the manual could be clearer.' },
  { rating: 4, title: 'Happy with it', body: 'Works well, battery life as advertised.' },
  { rating: 5, title: 'Best purchase this year', body: 'Exactly what I was looking for.' },
  { rating: 4, title: 'Good value', body: 'Does what it should; setup took two minutes.' },
  { rating: 3, title: 'It is fine', body: 'Does the job, nothing special.' },
  { rating: 2, title: 'Disappointing', body: 'Smaller than it looks in the pictures.' },
  { rating: 1, title: 'Broke after a week', body: 'Stopped working; waiting for a replacement.' },
]

/** Where the demo customers live; each customer always ships to the same place, in their name. */
const PLACES: Array<Omit<ShippingAddress, 'name'>> = [
  { lines: '4 Rue des Lilas', city: 'Lyon', postcode: '69003', country: 'France' },
  { lines: 'Lindenstraße 17', city: 'Berlin', postcode: '10969', country: 'Germany' },
  { lines: 'Nørregade 8', city: 'Copenhagen', postcode: '1165', country: 'Denmark' },
  { lines: 'Via Roma 21', city: 'Torino', postcode: '10121', country: 'Italy' },
  { lines: 'Storgatan 5', city: 'Uppsala', postcode: '75331', country: 'Sweden' },
]

/** A small seeded generator (mulberry32): the same demo store every time. */
const generator = (seed: number) => {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  }
}

/** An order status as a store would have it after `daysAgo` days (old orders are fulfilled). */
const statusForAge = (daysAgo: number, roll: number): OrderStatus => {
  if (roll < 0.1) return 'cancelled'
  if (daysAgo < 2) return roll < 0.55 ? 'pending' : 'paid'
  if (daysAgo < 7) return roll < 0.2 ? 'pending' : roll < 0.45 ? 'paid' : 'shipped'
  if (roll < 0.13) return 'pending'
  if (roll < 0.17) return 'paid'
  return roll < 0.25 ? 'shipped' : 'delivered'
}

/** A 24-hex id, the shape Payload gives array rows (order lines). */
const rowId = () => randomBytes(12).toString('hex')

/** `(a, b, …), (c, d, …)`: rows of bound values for a multi-row INSERT. */
const rowsSql = (rows: unknown[][]): SQL =>
  sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          row.map((value) => sql`${value}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  )

type ListedProduct = {
  id: number
  price: number
  discount: number
  finalPrice: number
  brand: string
  model: string
  stock: number
  createdAt: Date
}

/** Products: generated names per category, spread over the vendors, a few pending or rejected. */
const insertProducts = async (
  run: TransactionSql,
  random: ReturnType<typeof generator>,
  vendors: User[],
  staff: User,
  now: number,
) => {
  const taken = new Set(
    (await run<{ slug: string }>(sql`SELECT slug FROM products`)).rows.map((row) => row.slug),
  )
  const categories = new Map(
    (await run<{ id: number; name: string }>(sql`SELECT id, name FROM categories`)).rows.map(
      (row) => [row.name, row.id],
    ),
  )
  // Each vendor's products show the pictures that vendor uploaded.
  const pictures = new Map<number, number[]>()
  for (const row of (
    await run<{ owner: number; media: number }>(sql`
      SELECT m.uploaded_by_id AS owner, m.id AS media FROM media m
       WHERE m.uploaded_by_id IS NOT NULL ORDER BY m.id`)
  ).rows) {
    pictures.set(row.owner, [...(pictures.get(row.owner) ?? []), row.media])
  }
  const rows: unknown[][] = []
  const images: Array<{ slug: string; media: number }> = []
  for (let index = 0; rows.length < VOLUME_PRODUCTS; index++) {
    const category = demoCategories[index % demoCategories.length].name
    const { brands, lines, price } = LINES[category]
    const brand = random.pick(brands)
    const model = `${random.pick(lines)} ${random.int(2, 12)}${random.pick(VARIANTS)}`
    const slug = slugify(`${brand} ${model}`)
    if (taken.has(slug)) continue
    taken.add(slug)
    const owner = vendors[index % vendors.length]
    const status: ProductStatus =
      index % 13 === 5 ? 'pending' : index % 19 === 7 ? 'rejected' : 'approved'
    const listPrice = random.int(price[0], price[1]) + random.pick([0, 0.49, 0.9, 0.99])
    const discount = random.next() < 0.25 ? random.pick([5, 10, 15, 20, 25, 12.5]) : 0
    // A few products are nearly sold out; the orders below take more.
    const stock = index % 11 === 0 ? random.int(1, 6) : random.int(8, 120)
    const createdAt = new Date(
      now -
        (status === 'pending' ? random.int(0, 9) : random.int(ORDER_DAYS + 1, 150)) * DAY -
        random.int(0, DAY - 1),
    )
    const decidedAt = new Date(createdAt.getTime() + random.int(2, 48) * 60 * 60 * 1000)
    const record =
      status === 'pending'
        ? { status, reviewedBy: null, reviewedAt: null, rejectionReason: null }
        : moderationRecord(staff, status, random.pick(REJECTION_REASONS), decidedAt)
    const updatedAt = record.reviewedAt ?? createdAt.toISOString()
    rows.push([
      brand,
      model,
      slug,
      JSON.stringify(richText(`${brand} ${model}: ${blurb(category, random)}`)),
      categories.get(category) ?? null,
      listPrice,
      discount,
      discountedPrice(listPrice, discount),
      stock,
      isAvailable({ status, stock, trashed: false }),
      owner.id,
      record.status,
      record.rejectionReason,
      record.reviewedBy,
      record.reviewedAt,
      createdAt.toISOString(),
      updatedAt,
    ])
    const own = pictures.get(owner.id) ?? []
    if (own.length > 0) images.push({ slug, media: own[index % own.length] })
  }
  const inserted = await run<{ id: number; slug: string }>(sql`
    INSERT INTO products (brand, model, slug, description, category_id, price, discount,
                          final_price, stock, available, owner_id, status, rejection_reason,
                          reviewed_by_id, reviewed_at, created_at, updated_at)
    VALUES ${rowsSql(rows)}
    RETURNING id, slug`)
  const idOf = new Map(inserted.rows.map((row) => [row.slug, row.id]))
  if (images.length > 0) {
    await run(sql`
      INSERT INTO products_rels ("order", parent_id, path, media_id)
      VALUES ${rowsSql(images.map((image) => [1, idOf.get(image.slug), 'images', image.media]))}`)
  }
  return inserted.rows.length
}

const BLURBS: Record<Category, string[]> = {
  Phones: [
    'a bright display and a camera that shines at night.',
    'two-day battery and fast charging.',
  ],
  Laptops: [
    'a light chassis, a sharp screen and a quiet fan.',
    'a comfortable keyboard for long days.',
  ],
  Audio: [
    'rich sound and noise cancelling for the commute.',
    'clear calls and a battery that lasts.',
  ],
  Cameras: [
    'a large sensor in a body that fits a jacket pocket.',
    'fast autofocus for sports and kids.',
  ],
  Wearables: [
    'accurate GPS and a week of battery.',
    'sleep tracking and a readable screen in the sun.',
  ],
  Home: ['set up in minutes from the app.', 'quiet, efficient and easy to clean.'],
}
const blurb = (category: Category, random: ReturnType<typeof generator>) =>
  random.pick(BLURBS[category])

/**
 * Orders over the last `ORDER_DAYS` days (a few more each week), of listed products with stock
 * left, then each product's stock lowered by what its non-cancelled orders took.
 */
const insertOrders = async (
  run: TransactionSql,
  random: ReturnType<typeof generator>,
  customers: number[],
  now: number,
) => {
  const products: ListedProduct[] = (
    await run<Record<string, string | number | Date>>(sql`
      SELECT id, price, discount, final_price, brand, model, stock, created_at FROM products
       WHERE ${listedSql()} AND stock > 0 ORDER BY id`)
  ).rows.map((row) => ({
    id: Number(row.id),
    price: Number(row.price),
    discount: Number(row.discount ?? 0),
    finalPrice: Number(row.final_price),
    brand: String(row.brand),
    model: String(row.model),
    stock: Number(row.stock),
    createdAt: new Date(row.created_at),
  }))
  const names = new Map(
    (
      await run<{ id: number; name: string | null; username: string }>(sql`
        SELECT id, name, username FROM users
         WHERE id IN (${sql.join(
           customers.map((id) => sql`${id}`),
           sql`, `,
         )})`)
    ).rows.map((row) => [row.id, row.name ?? row.username]),
  )
  const addressOf = (customer: number): ShippingAddress => ({
    name: names.get(customer) ?? 'Customer',
    ...PLACES[customers.indexOf(customer) % PLACES.length],
  })
  const left = new Map(products.map((product) => [product.id, product.stock]))
  const orders: unknown[][] = []
  const lines: Array<{ order: number; lines: ReturnType<typeof pricedLine>[] }> = []
  for (let index = 0; index < VOLUME_ORDERS; index++) {
    // More orders lately: the age is skewed towards today.
    const daysAgo = Math.floor(ORDER_DAYS * random.next() ** 1.3)
    const createdAt = new Date(now - daysAgo * DAY - random.int(0, DAY - 1))
    if (createdAt.getTime() > now) continue
    const status = statusForAge(daysAgo, random.next())
    const wanted = random.int(1, 3)
    const chosen = new Map<number, ReturnType<typeof pricedLine>>()
    for (let attempt = 0; chosen.size < wanted && attempt < 10; attempt++) {
      const product = random.pick(products)
      const quantity = random.next() < 0.75 ? 1 : random.int(2, 3)
      if (chosen.has(product.id) || product.createdAt > createdAt) continue
      // A cancelled order gave its stock back; every other one keeps what it took.
      if (status !== 'cancelled') {
        if ((left.get(product.id) ?? 0) < quantity) continue
        left.set(product.id, (left.get(product.id) ?? 0) - quantity)
      }
      chosen.set(product.id, pricedLine({ ...product }, quantity))
    }
    if (chosen.size === 0) continue
    const priced = [...chosen.values()].sort((a, b) => a.product - b.product)
    const updatedAt = new Date(
      Math.min(
        now,
        createdAt.getTime() + (status === 'pending' ? 0 : random.int(1, 72) * 3600_000),
      ),
    )
    const customer = random.pick(customers)
    orders.push([
      customer,
      status,
      orderTotal(priced),
      storeCurrency(),
      sealAddress(addressOf(customer)),
      createdAt.toISOString(),
      updatedAt.toISOString(),
    ])
    lines.push({ order: orders.length - 1, lines: priced })
  }
  const inserted = await run<{ id: number }>(sql`
    INSERT INTO orders (customer_id, status, total, currency, shipping_address_encrypted,
                        created_at, updated_at)
    VALUES ${rowsSql(orders)}
    RETURNING id`)
  const ids = inserted.rows.map((row) => row.id)
  await run(sql`
    INSERT INTO orders_items (_order, _parent_id, id, product_id, quantity, unit_price, discount,
                              line_total)
    VALUES ${rowsSql(
      lines.flatMap(({ order, lines: priced }) =>
        priced.map((line, position) => [
          position + 1,
          ids[order],
          rowId(),
          line.product,
          line.quantity,
          line.unitPrice,
          line.discount,
          line.lineTotal,
        ]),
      ),
    )}`)
  await insertStatusHistory(run, ids, orders)
  await refreshOrderTitles(
    run,
    sql`o.id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
  const changed = products.filter((product) => left.get(product.id) !== product.stock)
  if (changed.length > 0) {
    await run(sql`
      UPDATE products p
         SET stock = v.stock::numeric, available = ${availableSql(sql`v.stock::numeric`)}
        FROM (VALUES ${rowsSql(changed.map((product) => [product.id, left.get(product.id)]))})
             AS v(id, stock)
       WHERE p.id = v.id::int`)
  }
  return ids.length
}

/** The moves from placement to `status` (the shortest legal path in ORDER_TRANSITIONS). */
const lifecycleTo = (status: OrderStatus): OrderStatus[] => {
  const paths = new Map<OrderStatus, OrderStatus[]>([[NEW_ORDER_STATUS, [NEW_ORDER_STATUS]]])
  const queue: OrderStatus[] = [NEW_ORDER_STATUS]
  while (queue.length > 0) {
    const from = queue.shift()!
    for (const move of ORDER_TRANSITIONS.filter((transition) => transition.from === from)) {
      if (paths.has(move.to)) continue
      paths.set(move.to, [...paths.get(from)!, move.to])
      queue.push(move.to)
    }
  }
  return paths.get(status) ?? [status]
}

/**
 * Each order's status timeline, as the order process would have written it: placement at its
 * creation, then each move up to its status, the last one at its `updatedAt`; by the system.
 */
const insertStatusHistory = async (run: TransactionSql, ids: number[], orders: unknown[][]) => {
  const entries = ids.flatMap((id, index) => {
    const [, status, , , , createdAt, updatedAt] = orders[index] as [
      number,
      OrderStatus,
      number,
      string,
      string,
      string,
      string,
    ]
    const path = lifecycleTo(status)
    const start = Date.parse(createdAt)
    const step = path.length > 1 ? (Date.parse(updatedAt) - start) / (path.length - 1) : 0
    return path.map((to, position) => [
      position + 1,
      id,
      rowId(),
      new Date(start + step * position).toISOString(),
      position === 0 ? null : path[position - 1],
      to,
    ])
  })
  await run(sql`
    INSERT INTO orders_status_history (_order, _parent_id, id, at, "from", "to")
    SELECT v._order::int, v.parent::int, v.id, v.at::timestamptz,
           v."from"::enum_orders_status_history_from, v."to"::enum_orders_status_history_to
      FROM (VALUES ${rowsSql(entries)}) AS v(_order, parent, id, at, "from", "to")`)
}

/** Reviews: each customer reviews a few listed products, mostly ones they bought. */
const insertReviews = async (
  run: TransactionSql,
  random: ReturnType<typeof generator>,
  customers: number[],
  now: number,
) => {
  const bought = (
    await run<{ customer: number; product: number; at: Date }>(sql`
      SELECT o.customer_id AS customer, i.product_id AS product, max(o.created_at) AS at
        FROM orders o JOIN orders_items i ON i._parent_id = o.id
       WHERE o.status IN (${sqlTextList(PURCHASED_STATUSES)})
       GROUP BY 1, 2`)
  ).rows
  const listed = (
    await run<{ id: number }>(sql`
      SELECT id FROM products WHERE ${listedSql()} ORDER BY id`)
  ).rows.map((row) => row.id)
  const pairs = new Map<string, unknown[]>()
  const add = (customer: number, product: number, at: number) => {
    const key = `${customer}:${product}`
    if (pairs.has(key)) return
    const text = random.pick(REVIEW_TEXTS)
    const createdAt = new Date(at).toISOString()
    const status = random.next() < 0.04 ? 'hidden' : 'published'
    pairs.set(key, [
      product,
      customer,
      text.rating,
      text.title,
      text.body,
      status,
      createdAt,
      createdAt,
    ])
  }
  for (const purchase of bought) {
    if (random.next() < 0.55) {
      // Written some hours to nine days after the purchase, never later than now.
      const bought = new Date(purchase.at).getTime()
      add(
        purchase.customer,
        purchase.product,
        bought + random.next() * Math.min(9 * DAY, now - bought),
      )
    }
  }
  for (const customer of customers) {
    for (let count = 0; count < 4; count++) {
      add(customer, random.pick(listed), now - random.next() * ORDER_DAYS * DAY)
    }
  }
  const inserted = await run(sql`
    INSERT INTO reviews (product_id, author_id, rating, title, body, status, created_at, updated_at)
    VALUES ${rowsSql([...pairs.values()])}
    ON CONFLICT (product_id, author_id) DO NOTHING`)
  await refreshAllVerifiedPurchases(run)
  await refreshAllProductRatings(run)
  return inserted.rowCount ?? 0
}

/**
 * The products seeded through the API were created a moment ago: date the decided ones back
 * before the order history (pending ones stay new), their decision a day after.
 */
const backdateCatalog = async (run: TransactionSql, now: number) => {
  const createdAt = new Date(now - (ORDER_DAYS + 30) * DAY).toISOString()
  await run(sql`
    UPDATE products
       SET created_at = ${createdAt}::timestamptz,
           reviewed_at = CASE WHEN reviewed_at IS NULL THEN NULL
                              ELSE ${createdAt}::timestamptz + interval '1 day' END,
           updated_at = ${createdAt}::timestamptz + interval '1 day'
     WHERE status <> ${sqlText(PENDING_PRODUCT_STATUS)}`)
}

/**
 * Adds the demo store's volume after the documents seeded through the API: needs the staff
 * account, the vendors (with their uploaded pictures), the customers and the categories. One
 * transaction: a failure leaves nothing half-written.
 */
export const seedVolume = async (
  payload: Payload,
  { staff, vendors, customers }: { staff: User; vendors: User[]; customers: number[] },
  now = Date.now(),
): Promise<void> => {
  const started = performance.now()
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    const run = await transactionSql(req)
    const random = generator(2026)
    await backdateCatalog(run, now)
    const products = await insertProducts(run, random, vendors, staff, now)
    const orders = await insertOrders(run, random, customers, now)
    const reviews = await insertReviews(run, random, customers, now)
    await commitTransaction(req)
    payload.logger.info(
      `Seeded the volume in bulk: ${products} products, ${orders} orders, ${reviews} reviews ` +
        `in ${Math.round(performance.now() - started)} ms.`,
    )
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
