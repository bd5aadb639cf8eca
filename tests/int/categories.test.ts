import type { Payload } from 'payload'

import type { Category, User } from '@/payload-types'
import { as, createCategory, createProduct, createUser, unique } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
let staff: User
let vendor: User

const failure = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; message?: string; data?: { errors?: Array<{ path: string }> } }

beforeAll(async () => {
  payload = await initPayload()
  staff = await createUser(payload, ['staff'])
  vendor = await createUser(payload, ['vendor'])
})

afterAll(async () => {
  await closePayload(payload)
})

describe('categories', () => {
  it('derives the slug from the name when none is given', async () => {
    const suffix = unique()
    const category = await payload.create({
      collection: 'categories',
      data: { name: `Smart Home ${suffix}` } as Category,
      ...as(staff),
    })
    expect(category.slug).toBe(`smart-home-${suffix}`)
  })

  it('keeps a given slug and refuses a malformed one', async () => {
    const slug = `kept-${unique()}`
    const category = await createCategory(payload, { slug })
    expect(category.slug).toBe(slug)
    const error = await failure(createCategory(payload, { slug: 'Not A Slug!' }))
    expect(error.status).toBe(400)
    expect(error.data?.errors?.map((entry) => entry.path)).toEqual(['slug'])
  })

  it('keeps names and slugs unique (400 naming the field)', async () => {
    const existing = await createCategory(payload)
    const byName = await failure(createCategory(payload, { name: existing.name }))
    expect(byName.status).toBe(400)
    expect(byName.data?.errors?.map((entry) => entry.path)).toEqual(['name'])
    const bySlug = await failure(createCategory(payload, { slug: existing.slug }))
    expect(bySlug.status).toBe(400)
    expect(bySlug.data?.errors?.map((entry) => entry.path)).toEqual(['slug'])
  })

  it('builds a tree and refuses a category as its own parent (400)', async () => {
    const root = await createCategory(payload)
    const child = await createCategory(payload, { parent: root.id })
    expect(child.parent).toMatchObject({ id: root.id })
    const error = await failure(
      payload.update({
        collection: 'categories',
        id: root.id,
        data: { parent: root.id },
        ...as(staff),
      }),
    )
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/its own parent/)
  })

  it('refuses a parent that does not exist (400 naming the field)', async () => {
    const error = await failure(createCategory(payload, { parent: 99_999_999 }))
    expect(error.status).toBe(400)
    expect(error.data?.errors?.map((entry) => entry.path)).toEqual(['parent'])
  })

  it('refuses a cycle through descendants (400) and leaves the tree unchanged', async () => {
    const a = await createCategory(payload)
    const b = await createCategory(payload, { parent: a.id })
    const c = await createCategory(payload, { parent: b.id })
    const error = await failure(
      payload.update({ collection: 'categories', id: a.id, data: { parent: c.id }, ...as(staff) }),
    )
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/subcategories/)
    expect(
      (await payload.findByID({ collection: 'categories', id: a.id, depth: 0 })).parent ?? null,
    ).toBeNull()
  })

  it('refuses to delete a category that has products, trashed ones included (409)', async () => {
    const category = await createCategory(payload)
    const product = await createProduct(payload, { owner: vendor.id, category: category.id })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { deletedAt: new Date().toISOString() },
    })
    const error = await failure(
      payload.delete({ collection: 'categories', id: category.id, ...as(staff) }),
    )
    expect(error.status).toBe(409)
    expect(error.message).toMatch(/still has 1 product/)
    const { totalDocs } = await payload.count({
      collection: 'categories',
      where: { id: { equals: category.id } },
    })
    expect(totalDocs).toBe(1)
    expect(
      (await payload.findByID({ collection: 'products', id: product.id, trash: true, depth: 0 }))
        .category,
    ).toBe(category.id)
  })

  it('refuses to delete a category that has subcategories (409)', async () => {
    const parent = await createCategory(payload)
    await createCategory(payload, { parent: parent.id })
    const error = await failure(
      payload.delete({ collection: 'categories', id: parent.id, ...as(staff) }),
    )
    expect(error.status).toBe(409)
    expect(error.message).toMatch(/subcategor/)
  })

  it('deletes an empty category', async () => {
    const category = await createCategory(payload)
    await payload.delete({ collection: 'categories', id: category.id, ...as(staff) })
    const { totalDocs } = await payload.count({
      collection: 'categories',
      where: { id: { equals: category.id } },
    })
    expect(totalDocs).toBe(0)
  })
})
