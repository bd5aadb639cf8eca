/**
 * The access matrix: role × collection × operation × own/other's document. Each row acts through
 * the Local API with `overrideAccess: false` and then checks the stored state as the server.
 */
import type { Payload } from 'payload'

import type { User } from '@/payload-types'
import {
  type Actor,
  as,
  createCategory,
  createMedia,
  createProduct,
  createUser,
  PASSWORD,
  pngBytes,
  unique,
} from '../helpers/catalogFixtures'
import { closePayload, initPayload } from '../helpers/payload'

type Collection = 'users' | 'categories' | 'products' | 'media'
type Operation = 'create' | 'read' | 'update' | 'delete' | 'purge'
type Ownership = 'own' | 'other' | 'any'
/** true: allowed and stored; false: refused and nothing changed; null: not applicable. */
type Expectation = Record<Actor, boolean | null>

const ROLES: Actor[] = ['anonymous', 'customer', 'vendor', 'staff', 'admin']
const row = (a: boolean | null, c: boolean | null, v: boolean | null, s: boolean, ad: boolean) =>
  ({ anonymous: a, customer: c, vendor: v, staff: s, admin: ad }) as Expectation

// prettier-ignore
const MATRIX: Array<[Collection, Operation, Ownership, Expectation]> = [
  //                                      anon   cust   vendor staff admin
  ['users',      'create', 'any',   row(true,  true,  true,  true, true)],
  ['users',      'read',   'own',   row(null,  true,  true,  true, true)],
  ['users',      'read',   'other', row(false, false, false, true, true)],
  ['users',      'update', 'own',   row(null,  true,  true,  true, true)],
  ['users',      'update', 'other', row(false, false, false, false, true)],
  ['users',      'delete', 'own',   row(null,  false, false, false, true)],
  ['users',      'delete', 'other', row(false, false, false, false, true)],
  ['categories', 'create', 'any',   row(false, false, false, true, true)],
  ['categories', 'read',   'any',   row(true,  true,  true,  true, true)],
  ['categories', 'update', 'any',   row(false, false, false, true, true)],
  ['categories', 'delete', 'any',   row(false, false, false, true, true)],
  ['products',   'create', 'any',   row(false, false, true,  true, true)],
  // Targets of product reads are pending products (approved ones are public).
  ['products',   'read',   'own',   row(null,  null,  true,  true, true)],
  ['products',   'read',   'other', row(false, false, false, true, true)],
  ['products',   'update', 'own',   row(null,  null,  true,  true, true)],
  ['products',   'update', 'other', row(false, false, false, true, true)],
  // delete = move to the trash (soft delete); purge = delete for good.
  ['products',   'delete', 'own',   row(null,  null,  true,  true, true)],
  ['products',   'delete', 'other', row(false, false, false, true, true)],
  ['products',   'purge',  'own',   row(null,  null,  false, false, true)],
  ['products',   'purge',  'other', row(false, false, false, false, true)],
  ['media',      'create', 'any',   row(false, true,  true,  true, true)],
  ['media',      'read',   'own',   row(null,  true,  true,  true, true)],
  ['media',      'read',   'other', row(true,  true,  true,  true, true)],
  ['media',      'update', 'own',   row(null,  true,  true,  true, true)],
  ['media',      'update', 'other', row(false, false, false, true, true)],
  ['media',      'delete', 'own',   row(null,  true,  true,  true, true)],
  ['media',      'delete', 'other', row(false, false, false, true, true)],
]

let payload: Payload
const actors: Partial<Record<Actor, User>> = {}
let stranger: User
let otherVendor: User

beforeAll(async () => {
  payload = await initPayload()
  for (const role of ROLES) {
    if (role !== 'anonymous') actors[role] = await createUser(payload, role)
  }
  stranger = await createUser(payload, 'customer')
  otherVendor = await createUser(payload, 'vendor')
})

afterAll(async () => {
  await closePayload(payload)
})

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    () => undefined,
  )

const exists = async (collection: Collection, id: number, trash = false) =>
  (await payload.count({ collection, where: { id: { equals: id } }, trash })).totalDocs === 1

/** Runs one cell and resolves with whether the stored state shows the operation happened. */
const perform = async (
  collection: Collection,
  operation: Operation,
  ownership: Ownership,
  role: Actor,
): Promise<boolean> => {
  let actor = actors[role]
  const options = as(actor)

  if (collection === 'users') {
    if (operation === 'create') {
      const username = `m_${unique()}`
      await settle(
        payload.create({
          collection,
          data: {
            username,
            email: `${username}@example.com`,
            password: PASSWORD,
            roles: ['customer'],
          },
          ...options,
        }),
      )
      return (
        (await payload.count({ collection, where: { username: { equals: username } } }))
          .totalDocs === 1
      )
    }
    if (ownership === 'own' && operation === 'delete') {
      actor = await createUser(payload, role as Exclude<Actor, 'anonymous'>)
    }
    const target = ownership === 'own' ? actor! : await createUser(payload, 'customer')
    const ctx = as(actor)
    if (operation === 'read') {
      const found = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...ctx }),
      )
      return ((found as { docs?: unknown[] } | undefined)?.docs?.length ?? 0) === 1
    }
    if (operation === 'update') {
      const name = `Name ${unique()}`
      await settle(payload.update({ collection, id: target.id, data: { name }, ...ctx }))
      return (await payload.findByID({ collection, id: target.id })).name === name
    }
    await settle(payload.delete({ collection, id: target.id, ...ctx }))
    return !(await exists(collection, target.id))
  }

  if (collection === 'categories') {
    if (operation === 'create') {
      const name = `Matrix ${unique()}`
      await settle(
        payload.create({ collection, data: { name, slug: `m-${unique()}` }, ...options }),
      )
      return (
        (await payload.count({ collection, where: { name: { equals: name } } })).totalDocs === 1
      )
    }
    const target = await createCategory(payload)
    if (operation === 'read') {
      const found = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
      )
      return ((found as { docs?: unknown[] } | undefined)?.docs?.length ?? 0) === 1
    }
    if (operation === 'update') {
      const description = `Updated ${unique()}`
      await settle(payload.update({ collection, id: target.id, data: { description }, ...options }))
      return (await payload.findByID({ collection, id: target.id })).description === description
    }
    await settle(payload.delete({ collection, id: target.id, ...options }))
    return !(await exists(collection, target.id))
  }

  if (collection === 'products') {
    if (operation === 'create') {
      const slug = `matrix-${unique()}`
      await settle(
        payload.create({
          collection,
          data: { brand: 'M', model: 'M', slug, price: 1, stock: 1, status: 'pending' },
          ...options,
        }),
      )
      return (
        (await payload.count({ collection, where: { slug: { equals: slug } } })).totalDocs === 1
      )
    }
    const owner = ownership === 'own' ? actor! : otherVendor
    const target = await createProduct(payload, owner, { status: 'pending' })
    if (operation === 'read') {
      const found = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
      )
      return ((found as { docs?: unknown[] } | undefined)?.docs?.length ?? 0) === 1
    }
    if (operation === 'update') {
      await settle(payload.update({ collection, id: target.id, data: { price: 77 }, ...options }))
      return (await payload.findByID({ collection, id: target.id })).price === 77
    }
    if (operation === 'delete') {
      await settle(
        payload.update({
          collection,
          id: target.id,
          data: { deletedAt: new Date().toISOString() },
          ...options,
        }),
      )
      return !(await exists(collection, target.id)) && (await exists(collection, target.id, true))
    }
    await settle(payload.delete({ collection, id: target.id, ...options }))
    return !(await exists(collection, target.id, true))
  }

  // media
  if (operation === 'create') {
    const data = await pngBytes()
    const name = `matrix-${unique()}.png`
    await settle(
      payload.create({
        collection,
        data: { alt: 'Matrix' },
        file: { data, mimetype: 'image/png', name, size: data.length },
        ...options,
      }),
    )
    return (
      (await payload.count({ collection, where: { filename: { equals: name } } })).totalDocs === 1
    )
  }
  const uploader = ownership === 'own' ? actor! : stranger
  const target = await createMedia(payload, uploader)
  if (operation === 'read') {
    const found = await settle(
      payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
    )
    return ((found as { docs?: unknown[] } | undefined)?.docs?.length ?? 0) === 1
  }
  if (operation === 'update') {
    const alt = `Alt ${unique()}`
    await settle(payload.update({ collection, id: target.id, data: { alt }, ...options }))
    return (await payload.findByID({ collection, id: target.id })).alt === alt
  }
  await settle(payload.delete({ collection, id: target.id, ...options }))
  return !(await exists(collection, target.id))
}

const cells = MATRIX.flatMap(([collection, operation, ownership, expectation]) =>
  ROLES.filter((role) => expectation[role] !== null).map(
    (role) => [collection, operation, ownership, role, expectation[role] as boolean] as const,
  ),
)

describe('access matrix', () => {
  it.each(cells)(
    '%s %s (%s) as %s → allowed: %s',
    async (collection, operation, ownership, role, allowed) => {
      expect(await perform(collection, operation, ownership, role)).toBe(allowed)
    },
  )
})
