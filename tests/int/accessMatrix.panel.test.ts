/**
 * The admin panel's access matrix: who may use the panel, what each role's nav shows, and the
 * cells a vendor's panel depends on (their products and media, others' products, orders, users,
 * categories, document locks, preferences), through the Local API acting for each user
 * (`overrideAccess: false`), with the exact outcome of each call and the stored state afterwards.
 * `vendorViaToken` / `adminViaToken` are those users authenticated by an API token.
 */
import type { AccessArgs, ClientUser, Payload, PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import { LOCKED_DOCUMENTS_SLUG } from '../../src/lib/lockedDocuments'
import {
  createCategory,
  createMedia,
  createProduct,
  createUser,
  placeOrder,
  type TestUser,
  unique,
} from '../helpers/fixtures'
import {
  describeOutcome,
  DONE,
  expectOutcome,
  FORBIDDEN,
  NO_EFFECT,
  NOT_FOUND,
  type Outcome,
  settle,
  type Settled,
} from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

type Actor =
  'anonymous' | 'customer' | 'vendor' | 'vendorViaToken' | 'staff' | 'admin' | 'adminViaToken'
const ACTORS: Actor[] = [
  'anonymous',
  'customer',
  'vendor',
  'vendorViaToken',
  'staff',
  'admin',
  'adminViaToken',
]
type Expectation = Record<Actor, Outcome>
/** Outcomes in the order of ACTORS: anon, customer, vendor, vendorViaToken, staff, admin, adminViaToken. */
const row = (...outcomes: Outcome[]): Expectation =>
  Object.fromEntries(ACTORS.map((actor, i) => [actor, outcomes[i]])) as Expectation
const [OK, NO, F, NF] = [DONE, NO_EFFECT, FORBIDDEN, NOT_FOUND]

type Result = { settled: Settled; happened: boolean }
type Case = [string, Expectation, (actor: Actor) => Promise<Result>]

let payload: Payload
const users = {} as Record<Exclude<Actor, 'anonymous'>, TestUser>
let otherVendor: TestUser
/** A customer none of the actors is. */
let bystander: TestUser

const userOf = (actor: Actor): TestUser | undefined =>
  actor === 'anonymous' ? undefined : users[actor]
const as = (actor: Actor) => ({ user: userOf(actor), overrideAccess: false as const })
/** The vendor a cell's "own" document belongs to (the vendor behind a token is the same user). */
const vendorOf = (actor: Actor): TestUser =>
  actor === 'vendorViaToken' ? users.vendorViaToken : users.vendor
const viaToken = (user: TestUser): TestUser => ({ ...user, _strategy: 'api-token' }) as TestUser
const docsOf = (settled: Settled) =>
  'value' in settled ? (settled.value as { docs: unknown[] }).docs : []
const lockOn = async (productId: number, holder: TestUser) =>
  payload.create({
    collection: LOCKED_DOCUMENTS_SLUG,
    data: {
      document: { relationTo: 'products', value: productId },
      user: { relationTo: 'users', value: holder.id },
    },
  })
const lockExists = async (id: number | string) =>
  (await payload.count({ collection: LOCKED_DOCUMENTS_SLUG, where: { id: { equals: id } } }))
    .totalDocs === 1

beforeAll(async () => {
  payload = await initPayload()
  users.customer = await createUser(payload, ['customer'])
  users.vendor = await createUser(payload, ['vendor'])
  users.vendorViaToken = viaToken(await createUser(payload, ['vendor']))
  users.staff = await createUser(payload, ['staff'])
  users.admin = await createUser(payload, ['admin'])
  users.adminViaToken = viaToken(await createUser(payload, ['admin']))
  otherVendor = await createUser(payload, ['vendor'])
  bystander = await createUser(payload, ['customer'])
})

afterAll(async () => {
  await closePayload(payload)
})

const requestOf = (actor: Actor) => ({ user: userOf(actor), payload }) as unknown as PayloadRequest

describe('admin panel: who gets in', () => {
  // Payload asks `users.access.admin` for every panel page and for `canAccessAdmin`.
  const expected: Record<Actor, boolean> = {
    anonymous: false,
    customer: false,
    vendor: true,
    vendorViaToken: false,
    staff: true,
    admin: true,
    adminViaToken: false,
  }
  it.each(ACTORS)('%s', async (actor) => {
    const access = payload.collections.users.config.access.admin!
    expect(await access({ req: requestOf(actor) } as AccessArgs)).toBe(expected[actor])
  })
})

describe('admin panel: the nav of each role', () => {
  const visible = (actor: Exclude<Actor, 'anonymous'>) =>
    payload.config.collections
      .filter(({ admin: { hidden } }) =>
        typeof hidden === 'function'
          ? !hidden({ user: users[actor] as unknown as ClientUser })
          : !hidden,
      )
      .map(({ slug }) => slug)
      .sort()
  it('shows a vendor their products and media only', () => {
    expect(visible('vendor')).toEqual(['media', 'products'])
  })
  it('shows staff and admins every collection that is not internal, and admins the audit log', () => {
    const all = ['categories', 'media', 'orders', 'products', 'reviews', 'users']
    expect(visible('staff')).toEqual(all)
    expect(visible('admin')).toEqual(['audit-log', ...all])
  })
  it("scopes a vendor's product and media lists to their own, and nobody else's", async () => {
    const filter = (slug: 'products' | 'media', actor: Actor) =>
      payload.collections[slug].config.admin.baseFilter!({
        req: requestOf(actor),
        limit: 10,
        page: 1,
        sort: '-createdAt',
      })
    expect(await filter('products', 'vendor')).toEqual({ owner: { equals: users.vendor.id } })
    expect(await filter('media', 'vendor')).toEqual({ uploadedBy: { equals: users.vendor.id } })
    expect(await filter('products', 'staff')).toBeNull()
    expect(await filter('media', 'admin')).toBeNull()
  })
})

// prettier-ignore
const CASES: Case[] = [
  //                                                        anon cust vend vTok staff admin aTok
  ['list users: only one\'s own account',            row(F,   OK,  OK,  OK,  OK,   OK,   OK), async (actor) => {
    const settled = await settle(payload.find({ collection: 'users', limit: 100, depth: 0, ...as(actor) }))
    const ids = docsOf(settled).map((user) => (user as User).id)
    const sees = ids.includes(otherVendor.id)
    const staffLike = actor === 'staff' || actor === 'admin'
    return { settled, happened: staffLike ? sees : ids.length === 1 && ids[0] === userOf(actor)!.id }
  }],
  ['read another vendor\'s pending product by id',   row(NF,  NF,  NF,  NF,  OK,   OK,   NF), async (actor) => {
    const product = await createProduct(payload, { owner: otherVendor.id, status: 'pending' })
    const settled = await settle(payload.findByID({ collection: 'products', id: product.id, depth: 0, ...as(actor) }))
    return { settled, happened: 'value' in settled }
  }],
  ['read another vendor\'s rejected product in a list', row(NO, NO, NO, NO,  OK,   OK,   NO), async (actor) => {
    const product = await createProduct(payload, { owner: otherVendor.id, status: 'rejected' })
    const settled = await settle(payload.find({ collection: 'products', where: { id: { equals: product.id } }, ...as(actor) }))
    return { settled, happened: docsOf(settled).length === 1 }
  }],
  ['read the rejection reason of one\'s own product', row(NF, NF,  OK,  OK,  OK,   OK,   NF), async (actor) => {
    const product = await createProduct(payload, { owner: vendorOf(actor).id, status: 'rejected' })
    const settled = await settle(payload.findByID({ collection: 'products', id: product.id, depth: 0, ...as(actor) }))
    return { settled, happened: 'value' in settled && (settled.value as { rejectionReason?: string }).rejectionReason === 'Rejected for the test' }
  }],
  ['reject the vendor\'s pending product with a reason', row(F, F,   NO,  NO,  OK,   OK,   F), async (actor) => {
    const product = await createProduct(payload, { owner: vendorOf(actor).id, status: 'pending' })
    const settled = await settle(payload.update({ collection: 'products', id: product.id, data: { status: 'rejected', rejectionReason: 'Blurry pictures' }, ...as(actor) }))
    const stored = await payload.findByID({ collection: 'products', id: product.id, depth: 0 })
    return { settled, happened: stored.status === 'rejected' && stored.rejectionReason === 'Blurry pictures' }
  }],
  ['approve one\'s own pending product',              row(F,   F,   NO,  NO,  OK,   OK,   F), async (actor) => {
    const product = await createProduct(payload, { owner: vendorOf(actor).id, status: 'pending' })
    const settled = await settle(payload.update({ collection: 'products', id: product.id, data: { status: 'approved' }, ...as(actor) }))
    const stored = await payload.findByID({ collection: 'products', id: product.id, depth: 0 })
    return { settled, happened: stored.status === 'approved' }
  }],
  [
    "change another vendor's media file",
    row(F, F, F, F, OK, OK, F),
    async (actor) => {
      const media = await createMedia(payload, otherVendor)
      const alt = `Alt ${unique()}`
      const settled = await settle(
        payload.update({ collection: 'media', id: media.id, data: { alt }, ...as(actor) }),
      )
      return { settled, happened: (await payload.findByID({ collection: 'media', id: media.id })).alt === alt }
    },
  ],
  ['edit a category',                                 row(F,   F,   F,   F,   OK,   OK,   F), async (actor) => {
    const category = await createCategory(payload)
    const description = `Edited ${unique()}`
    const settled = await settle(payload.update({ collection: 'categories', id: category.id, data: { description }, ...as(actor) }))
    const stored = await payload.findByID({ collection: 'categories', id: category.id })
    return { settled, happened: stored.description === description }
  }],
  ['read an order that contains one\'s product',      row(F,   NO,  NO,  NO,  OK,   OK,   NO), async (actor) => {
    const product = await createProduct(payload, { owner: vendorOf(actor).id, stock: 50 })
    const order = await placeOrder(payload, bystander, [{ product: product.id, quantity: 1 }])
    const settled = await settle(payload.find({ collection: 'orders', where: { id: { equals: order.id } }, ...as(actor) }))
    return { settled, happened: docsOf(settled).length === 1 }
  }],
  ['list the locks: only one\'s own and those on one\'s products', row(F, F, OK, F, OK, OK, F), async (actor) => {
    const own = await createProduct(payload, { owner: users.vendor.id })
    const other = await createProduct(payload, { owner: otherVendor.id })
    const held = await lockOn(own.id, users.vendor)
    const staffOnOwn = await lockOn(own.id, users.staff)
    const staffOnOther = await lockOn(other.id, users.staff)
    const settled = await settle(payload.find({ collection: LOCKED_DOCUMENTS_SLUG, depth: 0, pagination: false, ...as(actor) }))
    const ids = docsOf(settled).map((lock) => (lock as { id: number }).id)
    const staffLike = actor === 'staff' || actor === 'admin'
    return {
      settled,
      happened: staffLike
        ? [held.id, staffOnOwn.id, staffOnOther.id].every((id) => ids.includes(id))
        : ids.includes(held.id) && ids.includes(staffOnOwn.id) && !ids.includes(staffOnOther.id),
    }
  }],
  ['take a lock on a product through the API',        row(F,   F,   F,   F,   OK,   OK,   F), async (actor) => {
    const product = await createProduct(payload, { owner: vendorOf(actor).id })
    const settled = await settle(payload.create({ collection: LOCKED_DOCUMENTS_SLUG, data: { document: { relationTo: 'products', value: product.id }, user: { relationTo: 'users', value: userOf(actor)?.id ?? users.staff.id } }, ...as(actor) }))
    const locks = await payload.count({ collection: LOCKED_DOCUMENTS_SLUG, where: { 'document.value': { equals: product.id } } })
    return { settled, happened: locks.totalDocs === 1 }
  }],
  ['release one\'s own lock',                        row(F,   F,   OK,  F,   OK,   OK,   F), async (actor) => {
    const holder = userOf(actor) ?? users.vendor
    const lock = await lockOn((await createProduct(payload, { owner: users.vendor.id })).id, holder)
    const settled = await settle(payload.delete({ collection: LOCKED_DOCUMENTS_SLUG, id: lock.id, ...as(actor) }))
    return { settled, happened: !(await lockExists(lock.id)) }
  }],
  ['release staff\'s lock on the vendor\'s product',  row(F,   F,   F,   F,   OK,   OK,   F), async (actor) => {
    const lock = await lockOn((await createProduct(payload, { owner: users.vendor.id })).id, users.admin)
    const settled = await settle(payload.delete({ collection: LOCKED_DOCUMENTS_SLUG, id: lock.id, ...as(actor) }))
    return { settled, happened: !(await lockExists(lock.id)) }
  }],
  ['take over a lock (change its document or holder)', row(F,  F,   F,   F,   OK,   OK,   F), async (actor) => {
    const lock = await lockOn((await createProduct(payload, { owner: users.vendor.id })).id, userOf(actor) ?? users.vendor)
    const target = await createProduct(payload, { owner: otherVendor.id })
    const settled = await settle(payload.update({ collection: LOCKED_DOCUMENTS_SLUG, id: lock.id, data: { document: { relationTo: 'products', value: target.id } }, ...as(actor) }))
    const stored = await payload.findByID({ collection: LOCKED_DOCUMENTS_SLUG, id: lock.id, depth: 0 })
    return { settled, happened: (stored.document as { value: number }).value === target.id }
  }],
  ['save one\'s own preference',                     row(F,   OK,  OK,  OK,  OK,   OK,   OK), async (actor) => {
    const key = `panel-${unique()}`
    const settled = await settle(payload.create({ collection: 'payload-preferences', data: { key, value: { columns: [] }, user: { relationTo: 'users', value: otherVendor.id } }, ...as(actor) }))
    const stored = await payload.find({ collection: 'payload-preferences', where: { key: { equals: key } }, depth: 0 })
    const owner = (stored.docs[0]?.user as { value?: number } | undefined)?.value
    return { settled, happened: stored.totalDocs === 1 && owner === userOf(actor)?.id }
  }],
  ['read another user\'s preferences',               row(F,   NO,  NO,  NO,  NO,   NO,   NO), async (actor) => {
    const key = `panel-${unique()}`
    await payload.create({ collection: 'payload-preferences', data: { key, value: { limit: 5 }, user: { relationTo: 'users', value: otherVendor.id } }, user: otherVendor })
    const settled = await settle(payload.find({ collection: 'payload-preferences', where: { key: { equals: key } }, ...as(actor) }))
    return { settled, happened: docsOf(settled).length === 1 }
  }],
  ['overwrite another user\'s preferences',          row(F,   NO,  NO,  NO,  NO,   NO,   NO), async (actor) => {
    const key = `panel-${unique()}`
    await payload.create({ collection: 'payload-preferences', data: { key, value: { limit: 5 }, user: { relationTo: 'users', value: otherVendor.id } }, user: otherVendor })
    const settled = await settle(payload.update({ collection: 'payload-preferences', where: { key: { equals: key } }, data: { value: { limit: 99 } }, ...as(actor) }))
    const stored = await payload.find({ collection: 'payload-preferences', where: { key: { equals: key } }, depth: 0 })
    return { settled, happened: (stored.docs[0]?.value as { limit?: number }).limit === 99 }
  }],
]

describe('admin panel: the cells a vendor depends on', () => {
  for (const [operation, expected, run] of CASES) {
    for (const actor of ACTORS) {
      const outcome = expected[actor]
      const name =
        outcome === DONE
          ? `${actor} may ${operation}`
          : `${actor} may not ${operation} (${describeOutcome(outcome)})`
      it(name, async () => {
        const { settled, happened } = await run(actor)
        expectOutcome(settled, outcome)
        expect(happened).toBe(outcome === DONE)
      })
    }
  }
})
