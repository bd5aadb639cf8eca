/**
 * The products' moderation history through the Local API: what each change appends (and what a
 * refused change does not), and the exact outcome of each role's read and write of
 * `product-moderation-events` acting as that user (`overrideAccess: false`).
 */
import type { Payload } from 'payload'

import type { Product } from '@/payload-types'
import { databasePool } from '../../src/lib/databasePool'
import { up as backfillUp } from '../../src/migrations/20261204_181010_moderation_history_backfill'
import {
  type Actor,
  as,
  createProduct,
  createUser,
  type TestUser,
  unique,
} from '../helpers/fixtures'
import { expectOutcome, FORBIDDEN, type Outcome, settle } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
const users: Partial<Record<Exclude<Actor, 'anonymous'>, TestUser>> = {}
let otherVendor: TestUser
let product: Product

/** The product's history as the server reads it, oldest first, with each event's origin and time. */
const storedEvents = async (id: number) =>
  (
    await payload.find({
      collection: 'product-moderation-events',
      where: { product: { equals: id } },
      sort: ['createdAt', 'id'],
      depth: 0,
      pagination: false,
    })
  ).docs.map(({ from, to, by, reason, backfilledFrom, createdAt }) => ({
    from,
    to,
    by,
    reason,
    backfilledFrom,
    createdAt,
  }))

/** The product's history as the server reads it, oldest first. */
const history = async (id: number) =>
  (await storedEvents(id)).map(({ from, to, by, reason }) => ({ from, to, by, reason }))

beforeAll(async () => {
  payload = await initPayload()
  for (const role of ['customer', 'vendor', 'staff', 'admin'] as const) {
    users[role] = await createUser(payload, [role])
  }
  otherVendor = await createUser(payload, ['vendor'])
  product = await payload.create({
    collection: 'products',
    // The status is left out on purpose: a new product's own default decides it.
    data: {
      brand: 'Acme',
      model: 'History',
      slug: `history-${unique()}`,
      price: 10,
      stock: 2,
    } as Product,
    ...as(users.vendor),
  })
})

afterAll(async () => {
  await closePayload(payload)
})

describe('what the history records', () => {
  it('appends each decision, and nothing for a refused one', async () => {
    await expect(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { status: 'rejected' },
        ...as(users.staff),
      }),
    ).rejects.toMatchObject({ status: 400 })
    expect(await history(product.id)).toEqual([
      { from: null, to: 'pending', by: users.vendor!.id, reason: null },
    ])
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { status: 'rejected', rejectionReason: '  Blurry  ' },
      ...as(users.staff),
    })
    expect(await history(product.id)).toEqual([
      { from: null, to: 'pending', by: users.vendor!.id, reason: null },
      { from: 'pending', to: 'rejected', by: users.staff!.id, reason: 'Blurry' },
    ])
  })

  it('records server code (no user) as nobody, and a creation by staff as approved', async () => {
    const seeded = await createProduct(payload, { status: 'rejected' })
    expect(await history(seeded.id)).toEqual([
      { from: null, to: 'rejected', by: null, reason: 'Rejected for the test' },
    ])
    const byStaff = await payload.create({
      collection: 'products',
      data: {
        brand: 'Acme',
        model: 'Pick',
        slug: `pick-${unique()}`,
        price: 5,
        stock: 1,
      } as Product,
      ...as(users.staff),
    })
    expect(await history(byStaff.id)).toEqual([
      { from: null, to: 'approved', by: users.staff!.id, reason: null },
    ])
  })
})

describe('who reads and writes the history (Local API, acting as the user)', () => {
  const readers: Array<[Actor | 'other vendor', number | Outcome]> = [
    ['anonymous', FORBIDDEN],
    ['customer', 0],
    ['other vendor', 0],
    ['vendor', 2],
    ['staff', 2],
    ['admin', 2],
  ]

  const userOf = (who: Actor | 'other vendor') =>
    who === 'other vendor' ? otherVendor : who === 'anonymous' ? undefined : users[who]

  it.each(readers)('%s reads the owner’s product history: %p', async (who, expected) => {
    const settled = await settle(
      payload.find({
        collection: 'product-moderation-events',
        where: { product: { equals: product.id } },
        ...as(userOf(who)),
      }),
    )
    if (typeof expected === 'number') {
      expectOutcome(settled, 'done')
      expect((settled as { value: { totalDocs: number } }).value.totalDocs).toBe(expected)
    } else {
      expectOutcome(settled, expected)
    }
  })

  it.each(['anonymous', 'customer', 'vendor', 'staff', 'admin'] as const)(
    '%s cannot create, change or delete an event',
    async (who) => {
      const user = userOf(who)
      const [event] = (
        await payload.find({
          collection: 'product-moderation-events',
          where: { product: { equals: product.id } },
          limit: 1,
        })
      ).docs
      expectOutcome(
        await settle(
          payload.create({
            collection: 'product-moderation-events',
            data: { product: product.id, to: 'approved' },
            ...as(user),
          }),
        ),
        FORBIDDEN,
      )
      expectOutcome(
        await settle(
          payload.update({
            collection: 'product-moderation-events',
            id: event.id,
            data: { reason: 'forged' },
            ...as(user),
          }),
        ),
        FORBIDDEN,
      )
      expectOutcome(
        await settle(
          payload.delete({ collection: 'product-moderation-events', id: event.id, ...as(user) }),
        ),
        FORBIDDEN,
      )
      expect(await history(product.id)).toHaveLength(2)
    },
  )
})

describe('backfill migration (products older than the history)', () => {
  const backfill = () =>
    backfillUp({ db: payload.db.drizzle } as unknown as Parameters<typeof backfillUp>[0])
  /** A product row as it was stored before the history (and the audit log) existed: no hooks. */
  const oldProduct = async (columns: {
    status: string
    reason?: string
    reviewedBy?: number
    reviewedAt?: string
    createdAt: string
  }) => {
    const { rows } = await databasePool(payload).query<{ id: number }>(
      `INSERT INTO products (brand, model, slug, price, stock, status, rejection_reason,
                             reviewed_by_id, reviewed_at, owner_id, created_at, updated_at)
       VALUES ('Old', 'Stock', $1, 5, 1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [
        `old-${unique()}`,
        columns.status,
        columns.reason ?? null,
        columns.reviewedBy ?? null,
        columns.reviewedAt ?? null,
        users.vendor!.id,
        columns.createdAt,
      ],
    )
    return rows[0].id
  }

  it('writes what is known of older products, and leaves products with a history alone', async () => {
    const rejected = await oldProduct({
      status: 'rejected',
      reason: 'Too dark',
      reviewedBy: users.staff!.id,
      reviewedAt: '2026-10-02T09:30:00.000Z',
      createdAt: '2026-10-01T08:00:00.000Z',
    })
    const pending = await oldProduct({ status: 'pending', createdAt: '2026-10-03T08:00:00.000Z' })
    // A product of the audit log's time: its status changes are in the log, its history is gone.
    const logged = await payload.create({
      collection: 'products',
      data: {
        brand: 'Logged',
        model: 'Lamp',
        slug: `logged-${unique()}`,
        price: 9,
        stock: 1,
      } as Product,
      ...as(users.vendor),
    })
    await payload.update({
      collection: 'products',
      id: logged.id,
      data: { status: 'rejected', rejectionReason: 'Blurry photo' },
      ...as(users.staff),
    })
    const recorded = await storedEvents(logged.id)
    await databasePool(payload).query(
      'DELETE FROM product_moderation_events WHERE product_id = $1',
      [logged.id],
    )
    const kept = await storedEvents(product.id)

    await backfill()

    expect(await storedEvents(rejected)).toEqual([
      {
        from: null,
        to: 'rejected',
        by: users.staff!.id,
        reason: 'Too dark',
        backfilledFrom: 'product',
        createdAt: '2026-10-02T09:30:00.000Z',
      },
    ])
    expect(await storedEvents(pending)).toEqual([
      {
        from: null,
        to: 'pending',
        by: null,
        reason: null,
        backfilledFrom: 'product',
        createdAt: '2026-10-03T08:00:00.000Z',
      },
    ])
    // The same moves as the live history had, from the log (times are the log's, a moment apart).
    const rebuilt = await storedEvents(logged.id)
    expect(rebuilt.map(({ createdAt: _at, ...event }) => event)).toEqual(
      recorded.map(({ createdAt: _at, ...event }) => ({ ...event, backfilledFrom: 'audit-log' })),
    )
    expect(rebuilt.map(({ to, by, reason }) => ({ to, by, reason }))).toEqual([
      { to: 'pending', by: users.vendor!.id, reason: null },
      { to: 'rejected', by: users.staff!.id, reason: 'Blurry photo' },
    ])
    expect(await storedEvents(product.id)).toEqual(kept)

    // Run again: every product has a history now, nothing is added.
    await backfill()
    expect(await storedEvents(rejected)).toHaveLength(1)
    expect(await storedEvents(logged.id)).toHaveLength(2)
  })
})
