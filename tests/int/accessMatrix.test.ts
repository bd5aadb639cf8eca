/**
 * The access matrix: role × collection × operation × own/other's document. Each row acts through
 * the Local API with `overrideAccess: false`, asserts the exact outcome of the call (done, no
 * effect, or the exact Payload error: a crash fails the cell), then checks the stored state as
 * the server.
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
} from '../helpers/fixtures'
import {
  describeOutcome,
  DONE,
  expectOutcome,
  FORBIDDEN,
  NO_EFFECT,
  type Outcome,
  settle,
  type Settled,
} from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

type Collection = 'users' | 'categories' | 'products' | 'media' | 'audit-log'
type Operation = 'create' | 'read' | 'update' | 'delete' | 'purge'
type Ownership = 'own' | 'other' | 'any'
/**
 * What each role's call does: OK done and stored; NO answered but nothing stored or found (a
 * `Where` filtered the document out); F Forbidden (403); null: not applicable.
 */
type Expectation = Record<Actor, Outcome | null>

const ROLES: Actor[] = ['anonymous', 'customer', 'vendor', 'staff', 'admin']
const row = (a: Outcome | null, c: Outcome | null, v: Outcome | null, s: Outcome, ad: Outcome) =>
  ({ anonymous: a, customer: c, vendor: v, staff: s, admin: ad }) as Expectation
const [OK, NO, F, __] = [DONE, NO_EFFECT, FORBIDDEN, null]

// prettier-ignore
const MATRIX: Array<[Collection, Operation, Ownership, Expectation]> = [
  //                                      anon  cust  vendor staff admin
  ['users',      'create', 'any',   row(OK,   OK,   OK,   OK,   OK)],
  ['users',      'read',   'own',   row(__,   OK,   OK,   OK,   OK)],
  ['users',      'read',   'other', row(F,    NO,   NO,   OK,   OK)],
  ['users',      'update', 'own',   row(__,   OK,   OK,   OK,   OK)],
  ['users',      'update', 'other', row(F,    F,    F,    F,    OK)],
  ['users',      'delete', 'own',   row(__,   F,    F,    F,    OK)],
  ['users',      'delete', 'other', row(F,    F,    F,    F,    OK)],
  ['categories', 'create', 'any',   row(F,    F,    F,    OK,   OK)],
  ['categories', 'read',   'any',   row(OK,   OK,   OK,   OK,   OK)],
  ['categories', 'update', 'any',   row(F,    F,    F,    OK,   OK)],
  ['categories', 'delete', 'any',   row(F,    F,    F,    OK,   OK)],
  ['products',   'create', 'any',   row(F,    F,    OK,   OK,   OK)],
  // Targets of product reads are pending products (approved ones are public).
  ['products',   'read',   'own',   row(__,   __,   OK,   OK,   OK)],
  ['products',   'read',   'other', row(NO,   NO,   NO,   OK,   OK)],
  ['products',   'update', 'own',   row(__,   __,   OK,   OK,   OK)],
  ['products',   'update', 'other', row(F,    F,    F,    OK,   OK)],
  // delete = move to the trash (soft delete); purge = delete for good.
  ['products',   'delete', 'own',   row(__,   __,   OK,   OK,   OK)],
  ['products',   'delete', 'other', row(F,    F,    F,    OK,   OK)],
  ['products',   'purge',  'own',   row(__,   __,   F,    F,    OK)],
  ['products',   'purge',  'other', row(F,    F,    F,    F,    OK)],
  ['media',      'create', 'any',   row(F,    OK,   OK,   OK,   OK)],
  ['media',      'read',   'own',   row(__,   OK,   OK,   OK,   OK)],
  ['media',      'read',   'other', row(OK,   OK,   OK,   OK,   OK)],
  ['media',      'update', 'own',   row(__,   OK,   OK,   OK,   OK)],
  ['media',      'update', 'other', row(F,    F,    F,    OK,   OK)],
  ['media',      'delete', 'own',   row(__,   OK,   OK,   OK,   OK)],
  ['media',      'delete', 'other', row(F,    F,    F,    OK,   OK)],
  // Append-only, admins read: nobody writes through the API (hooks write in the change's transaction).
  ['audit-log',  'create', 'any',   row(F,    F,    F,    F,    F)],
  ['audit-log',  'read',   'any',   row(F,    F,    F,    F,    OK)],
  ['audit-log',  'update', 'any',   row(F,    F,    F,    F,    F)],
  ['audit-log',  'delete', 'any',   row(F,    F,    F,    F,    F)],
]

let payload: Payload
const actors: Partial<Record<Actor, User>> = {}
let stranger: User
let otherVendor: User

beforeAll(async () => {
  payload = await initPayload()
  for (const role of ROLES) {
    if (role !== 'anonymous') actors[role] = await createUser(payload, [role])
  }
  stranger = await createUser(payload, ['customer'])
  otherVendor = await createUser(payload, ['vendor'])
})

afterAll(async () => {
  await closePayload(payload)
})

const exists = async (collection: Collection, id: number, trash = false) =>
  (await payload.count({ collection, where: { id: { equals: id } }, trash })).totalDocs === 1

/**
 * How the cell's call settled, and whether the stored state shows the operation happened (for a
 * read: whether the document was returned).
 */
type Result = { settled: Settled; happened: boolean }

/** How many documents a settled `find` returned (0 if it threw). */
const listed = (settled: Settled) =>
  'value' in settled ? (settled.value as { docs: unknown[] }).docs.length : 0

/** Runs one cell. */
const perform = async (
  collection: Collection,
  operation: Operation,
  ownership: Ownership,
  role: Actor,
): Promise<Result> => {
  let actor = actors[role]
  const options = as(actor)

  if (collection === 'users') {
    if (operation === 'create') {
      const username = `m_${unique()}`
      const settled = await settle(
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
      return {
        settled,
        happened:
          (await payload.count({ collection, where: { username: { equals: username } } }))
            .totalDocs === 1,
      }
    }
    if (ownership === 'own' && operation === 'delete') {
      actor = await createUser(payload, [role as Exclude<Actor, 'anonymous'>])
    }
    const target = ownership === 'own' ? actor! : await createUser(payload, ['customer'])
    const ctx = as(actor)
    if (operation === 'read') {
      const settled = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...ctx }),
      )
      return { settled, happened: listed(settled) === 1 }
    }
    if (operation === 'update') {
      const name = `Name ${unique()}`
      const settled = await settle(
        payload.update({ collection, id: target.id, data: { name }, ...ctx }),
      )
      return {
        settled,
        happened: (await payload.findByID({ collection, id: target.id })).name === name,
      }
    }
    const settled = await settle(payload.delete({ collection, id: target.id, ...ctx }))
    return { settled, happened: !(await exists(collection, target.id)) }
  }

  if (collection === 'categories') {
    if (operation === 'create') {
      const name = `Matrix ${unique()}`
      const settled = await settle(
        payload.create({ collection, data: { name, slug: `m-${unique()}` }, ...options }),
      )
      return {
        settled,
        happened:
          (await payload.count({ collection, where: { name: { equals: name } } })).totalDocs === 1,
      }
    }
    const target = await createCategory(payload)
    if (operation === 'read') {
      const settled = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
      )
      return { settled, happened: listed(settled) === 1 }
    }
    if (operation === 'update') {
      const description = `Updated ${unique()}`
      const settled = await settle(
        payload.update({ collection, id: target.id, data: { description }, ...options }),
      )
      return {
        settled,
        happened:
          (await payload.findByID({ collection, id: target.id })).description === description,
      }
    }
    const settled = await settle(payload.delete({ collection, id: target.id, ...options }))
    return { settled, happened: !(await exists(collection, target.id)) }
  }

  if (collection === 'products') {
    if (operation === 'create') {
      const slug = `matrix-${unique()}`
      const settled = await settle(
        payload.create({
          collection,
          data: { brand: 'M', model: 'M', slug, price: 1, stock: 1, status: 'pending' },
          ...options,
        }),
      )
      return {
        settled,
        happened:
          (await payload.count({ collection, where: { slug: { equals: slug } } })).totalDocs === 1,
      }
    }
    const owner = ownership === 'own' ? actor! : otherVendor
    const target = await createProduct(payload, { owner: owner.id, status: 'pending' })
    if (operation === 'read') {
      const settled = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
      )
      return { settled, happened: listed(settled) === 1 }
    }
    if (operation === 'update') {
      const settled = await settle(
        payload.update({ collection, id: target.id, data: { price: 77 }, ...options }),
      )
      return {
        settled,
        happened: (await payload.findByID({ collection, id: target.id })).price === 77,
      }
    }
    if (operation === 'delete') {
      const settled = await settle(
        payload.update({
          collection,
          id: target.id,
          data: { deletedAt: new Date().toISOString() },
          ...options,
        }),
      )
      return {
        settled,
        happened:
          !(await exists(collection, target.id)) && (await exists(collection, target.id, true)),
      }
    }
    const settled = await settle(payload.delete({ collection, id: target.id, ...options }))
    return { settled, happened: !(await exists(collection, target.id, true)) }
  }

  if (collection === 'audit-log') {
    if (operation === 'create') {
      const summary = `forged ${unique()}`
      const settled = await settle(
        payload.create({
          collection,
          data: {
            summary,
            operation: 'update',
            targetCollection: 'products',
            documentId: 1,
            actorStrategy: 'session',
          },
          ...options,
        }),
      )
      return {
        settled,
        happened:
          (await payload.count({ collection, where: { summary: { equals: summary } } }))
            .totalDocs === 1,
      }
    }
    const category = await createCategory(payload)
    const {
      docs: [target],
    } = await payload.find({
      collection,
      where: {
        and: [
          { targetCollection: { equals: 'categories' } },
          { documentId: { equals: category.id } },
        ],
      },
      limit: 1,
    })
    if (operation === 'read') {
      const settled = await settle(
        payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
      )
      return { settled, happened: listed(settled) === 1 }
    }
    if (operation === 'update') {
      const summary = `rewritten ${unique()}`
      const settled = await settle(
        payload.update({ collection, id: target.id, data: { summary }, ...options }),
      )
      return {
        settled,
        happened: (await payload.findByID({ collection, id: target.id })).summary === summary,
      }
    }
    const settled = await settle(payload.delete({ collection, id: target.id, ...options }))
    return { settled, happened: !(await exists(collection, target.id)) }
  }

  // media
  if (operation === 'create') {
    const data = await pngBytes()
    const name = `matrix-${unique()}.png`
    const settled = await settle(
      payload.create({
        collection,
        data: { alt: 'Matrix' },
        file: { data, mimetype: 'image/png', name, size: data.length },
        ...options,
      }),
    )
    return {
      settled,
      happened:
        (await payload.count({ collection, where: { filename: { equals: name } } })).totalDocs ===
        1,
    }
  }
  const uploader = ownership === 'own' ? actor! : stranger
  const target = await createMedia(payload, uploader)
  if (operation === 'read') {
    const settled = await settle(
      payload.find({ collection, where: { id: { equals: target.id } }, ...options }),
    )
    return { settled, happened: listed(settled) === 1 }
  }
  if (operation === 'update') {
    const alt = `Alt ${unique()}`
    const settled = await settle(
      payload.update({ collection, id: target.id, data: { alt }, ...options }),
    )
    return {
      settled,
      happened: (await payload.findByID({ collection, id: target.id })).alt === alt,
    }
  }
  const settled = await settle(payload.delete({ collection, id: target.id, ...options }))
  return { settled, happened: !(await exists(collection, target.id)) }
}

/** One test per cell: [collection, operation, ownership, role, label, outcome]. */
const cells = MATRIX.flatMap(([collection, operation, ownership, expectation]) =>
  ROLES.filter((role) => expectation[role] !== null).map((role) => {
    const outcome = expectation[role] as Outcome
    return [collection, operation, ownership, role, describeOutcome(outcome), outcome] as const
  }),
)

describe('access matrix', () => {
  it.each(cells)(
    '%s %s (%s) as %s → %s',
    async (collection, operation, ownership, role, _label, outcome) => {
      const { settled, happened } = await perform(collection, operation, ownership, role)
      expectOutcome(settled, outcome)
      expect(happened).toBe(outcome === DONE)
    },
  )
})
