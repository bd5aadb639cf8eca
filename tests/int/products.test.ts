import { createLocalReq, type Payload } from 'payload'

import type { Product, User } from '@/payload-types'
import { discountedPrice } from '../../src/lib/money'
import { productHistory } from '../../src/lib/productHistory'
import {
  as,
  createCategory,
  createMedia,
  createProduct,
  createUser,
  unique,
} from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'
import { moderateProduct } from '../../src/operations/productModeration'

let payload: Payload
let vendor: User
let otherVendor: User
let customer: User
let staff: User
let admin: User

const stored = (id: number): Promise<Product> =>
  payload.findByID({ collection: 'products', id, depth: 0, trash: true })

const reqAs = (user: User) => createLocalReq({ user: { ...user, collection: 'users' } }, payload)

const expectRejected = async (promise: Promise<unknown>, status: number, message?: RegExp) => {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; message?: string } | undefined
  expect(error).toBeDefined()
  expect(error?.status).toBe(status)
  if (message) expect(error?.message).toMatch(message)
}

beforeAll(async () => {
  payload = await initPayload()
  vendor = await createUser(payload, ['vendor'])
  otherVendor = await createUser(payload, ['vendor'])
  customer = await createUser(payload, ['customer'])
  staff = await createUser(payload, ['staff'])
  admin = await createUser(payload, ['admin'])
})

afterAll(async () => {
  await closePayload(payload)
})

const vendorCreates = (data: Partial<Product> = {}, user: User = vendor) =>
  payload.create({
    collection: 'products',
    data: {
      brand: 'Acme',
      model: `Phone ${unique()}`,
      slug: `acme-phone-${unique()}`,
      price: 100,
      stock: 5,
      status: 'approved',
      ...data,
    } as Product,
    ...as(user),
  })

describe('creating products', () => {
  it('lets vendors create products, always pending and owned by themselves', async () => {
    const product = await vendorCreates({ owner: otherVendor.id, status: 'approved' })
    const saved = await stored(product.id)
    expect(saved.status).toBe('pending')
    expect(saved.owner).toBe(vendor.id)
    expect(saved.reviewedBy ?? null).toBeNull()
    expect(saved.available).toBe(false)
  })

  it('approves products created by staff and admins at once, recording the moderator', async () => {
    for (const creator of [staff, admin]) {
      const product = await vendorCreates({}, creator)
      const saved = await stored(product.id)
      expect(saved).toMatchObject({ status: 'approved', owner: creator.id, available: true })
      expect(saved.reviewedBy).toBe(creator.id)
      expect(saved.reviewedAt).toEqual(expect.any(String))
    }
  })

  it('lets only admins choose another owner', async () => {
    const byAdmin = await vendorCreates({ owner: vendor.id }, admin)
    expect((await stored(byAdmin.id)).owner).toBe(vendor.id)
    const byStaff = await vendorCreates({ owner: vendor.id }, staff)
    expect((await stored(byStaff.id)).owner).toBe(staff.id)
  })

  it('refuses customers and anonymous users', async () => {
    await expectRejected(vendorCreates({}, customer), 403)
    await expectRejected(
      payload.create({
        collection: 'products',
        data: { brand: 'X', model: 'Y', slug: `x-${unique()}`, price: 1, stock: 1 } as Product,
        overrideAccess: false,
      }),
      403,
    )
  })

  it('derives a slug from brand and model when none is given', async () => {
    const model = `Pixel ${unique()}`
    const product = await vendorCreates({ brand: 'Google', model, slug: undefined })
    expect(product.slug).toBe(`google-${model.toLowerCase().replace(' ', '-')}`)
  })

  it('ignores client values for server-derived fields', async () => {
    const product = await vendorCreates({
      price: 50,
      discount: 10,
      finalPrice: 1,
      available: true,
      ratingAverage: 5,
      ratingCount: 99,
      reviewedBy: staff.id,
      rejectionReason: 'nope',
    })
    const saved = await stored(product.id)
    expect(saved).toMatchObject({
      finalPrice: 45,
      available: false,
      ratingAverage: 0,
      ratingCount: 0,
      reviewedBy: null,
      rejectionReason: null,
    })
  })
})

describe('prices and stock', () => {
  it('computes finalPrice in integer cents without floating-point drift', () => {
    expect(discountedPrice(19.99, 15)).toBe(16.99) // 1699.15 cents → 1699
    expect(discountedPrice(0.1, 0)).toBe(0.1)
    expect(discountedPrice(29.95, 33)).toBe(20.07) // 2006.65 → 2007 (half up)
    expect(discountedPrice(1.15, 50)).toBe(0.58) // 57.5 → 58, where 1.15 * 0.5 = 0.575 in floats
    expect(discountedPrice(999999.99, 90)).toBe(100000)
    expect(discountedPrice(10, 12.5)).toBe(8.75)
  })

  it('stores finalPrice and recomputes it when price or discount change', async () => {
    const product = await createProduct(payload, { owner: vendor.id, price: 19.99, discount: 15 })
    expect((await stored(product.id)).finalPrice).toBe(16.99)
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { discount: 50 },
      ...as(vendor),
    })
    expect((await stored(product.id)).finalPrice).toBe(10) // 999.5 cents, half up
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { price: 1.15 },
      ...as(vendor),
    })
    expect((await stored(product.id)).finalPrice).toBe(0.58)
  })

  it.each([
    [{ price: -1 }, 'price'],
    [{ price: 10.005 }, 'price'],
    [{ discount: 91 }, 'discount'],
    [{ discount: -5 }, 'discount'],
    [{ stock: -1 }, 'stock'],
    [{ stock: 2.5 }, 'stock'],
  ])('refuses %j with a 400 naming the field', async (data, field) => {
    const error = (await vendorCreates(data).catch((caught: unknown) => caught)) as {
      status: number
      data: { errors: Array<{ path: string }> }
    }
    expect(error.status).toBe(400)
    expect(error.data.errors.map((entry) => entry.path)).toContain(field)
  })

  it('refuses a category that does not exist with a 400 naming the field (not a 500)', async () => {
    const error = (await vendorCreates({ category: 99_999_999 }).catch(
      (caught: unknown) => caught,
    )) as {
      status: number
      data: { errors: Array<{ path: string }> }
    }
    expect(error.status).toBe(400)
    expect(error.data.errors.map((entry) => entry.path)).toEqual(['category'])
  })

  it('refuses numbers sent as text that is not a number with 400 naming each field', async () => {
    const error = (await vendorCreates({
      stock: '5abc' as unknown as number,
      price: '12.5€' as unknown as number,
      discount: '1e1' as unknown as number,
    }).catch((caught: unknown) => caught)) as {
      status: number
      data: { errors: Array<{ path: string }> }
    }
    expect(error.status).toBe(400)
    expect(error.data.errors.map((entry) => entry.path).sort()).toEqual([
      'discount',
      'price',
      'stock',
    ])
    const product = await vendorCreates({
      stock: ' 7 ' as unknown as number,
      price: '12.50' as unknown as number,
    })
    expect(product).toMatchObject({ stock: 7, price: 12.5 })
    await expectRejected(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { stock: '9 left' as unknown as number },
        ...as(vendor),
      }),
      400,
      /stock/,
    )
    expect((await stored(product.id)).stock).toBe(7)
  })

  it('accepts a price with two decimals and a zero price', async () => {
    const product = await vendorCreates({ price: 0.01 })
    expect(product.price).toBe(0.01)
    expect((await vendorCreates({ price: 0 })).finalPrice).toBe(0)
  })

  it('is available only when approved and in stock, recomputed on status and stock changes', async () => {
    const product = await vendorCreates({ stock: 0 })
    expect((await stored(product.id)).available).toBe(false)
    await moderateProduct(await reqAs(staff), { id: product.id, decision: 'approve' })
    expect((await stored(product.id)).available).toBe(false)
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { stock: 3 },
      ...as(vendor),
    })
    expect((await stored(product.id)).available).toBe(true)
    await moderateProduct(await reqAs(staff), {
      id: product.id,
      decision: 'reject',
      reason: 'Fake',
    })
    expect((await stored(product.id)).available).toBe(false)
  })
})

describe('moderation', () => {
  it('approves a pending product, recording who and when', async () => {
    const product = await vendorCreates()
    const before = Date.now()
    await moderateProduct(await reqAs(staff), { id: product.id, decision: 'approve' })
    const saved = await stored(product.id)
    expect(saved.status).toBe('approved')
    expect(saved.reviewedBy).toBe(staff.id)
    expect(new Date(saved.reviewedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('refuses an illegal transition with 409 and leaves the product unchanged', async () => {
    const product = await createProduct(payload, { owner: vendor.id, status: 'approved' })
    await expectRejected(
      moderateProduct(await reqAs(admin), { id: product.id, decision: 'approve' }),
      409,
      /already approved/,
    )
    expect((await stored(product.id)).reviewedBy).toBeNull()
  })

  it('requires a reason to reject (400) and stores it', async () => {
    const product = await vendorCreates()
    await expectRejected(
      moderateProduct(await reqAs(staff), { id: product.id, decision: 'reject', reason: '  ' }),
      400,
      /reason/,
    )
    expect((await stored(product.id)).status).toBe('pending')
    await moderateProduct(await reqAs(staff), {
      id: product.id,
      decision: 'reject',
      reason: 'Blurry photos',
    })
    expect(await stored(product.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Blurry photos',
      reviewedBy: staff.id,
    })
  })

  it('refuses moderation by vendors and customers (403) and by anonymous users (401)', async () => {
    const product = await vendorCreates()
    await expectRejected(
      moderateProduct(await reqAs(vendor), { id: product.id, decision: 'approve' }),
      403,
    )
    await expectRejected(
      moderateProduct(await reqAs(customer), { id: product.id, decision: 'approve' }),
      403,
    )
    const anonymous = await createLocalReq({}, payload)
    await expectRejected(moderateProduct(anonymous, { id: product.id, decision: 'approve' }), 401)
    expect((await stored(product.id)).status).toBe('pending')
  })

  it('gives admin powers to a session only, never to an API token', async () => {
    const product = await vendorCreates()
    const viaToken = { ...admin, collection: 'users' as const, _strategy: 'api-key' }
    const req = await createLocalReq({ user: viaToken }, payload)
    await expectRejected(moderateProduct(req, { id: product.id, decision: 'approve' }), 403)
    expect((await stored(product.id)).status).toBe('pending')
  })

  it('validates and records status changes made by staff through a plain update', async () => {
    const product = await vendorCreates()
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { status: 'approved' },
      ...as(staff),
    })
    expect(await stored(product.id)).toMatchObject({ status: 'approved', reviewedBy: staff.id })
    await expectRejected(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { status: 'rejected' },
        ...as(staff),
      }),
      400,
    )
    await expectRejected(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { status: 'pending' },
        ...as(admin),
      }),
      409,
    )
    expect((await stored(product.id)).status).toBe('approved')
  })

  it('ignores status and moderation fields sent by the owning vendor', async () => {
    const product = await vendorCreates()
    await payload.update({
      collection: 'products',
      id: product.id,
      data: {
        status: 'approved',
        reviewedBy: vendor.id,
        reviewedAt: new Date().toISOString(),
        rejectionReason: 'x',
        ratingAverage: 5,
        ratingCount: 10,
        finalPrice: 1,
        available: true,
      },
      ...as(vendor),
    })
    expect(await stored(product.id)).toMatchObject({
      status: 'pending',
      reviewedBy: null,
      reviewedAt: null,
      rejectionReason: null,
      ratingAverage: 0,
      ratingCount: 0,
      finalPrice: 100,
      available: false,
    })
  })

  it('keeps status server-side even for trusted code acting for a vendor', async () => {
    const product = await vendorCreates()
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { status: 'approved' },
      user: vendor,
    })
    expect((await stored(product.id)).status).toBe('pending')
  })
})

describe('vendor edits of moderated products', () => {
  const approvedProduct = async () => {
    const product = await vendorCreates()
    await moderateProduct(await reqAs(staff), { id: product.id, decision: 'approve' })
    return product
  }

  it.each(['brand', 'model', 'description', 'category', 'images', 'video'] as const)(
    'sends an approved product back to pending when the vendor edits %s',
    async (field) => {
      const product = await approvedProduct()
      const values: Record<typeof field, () => Promise<unknown>> = {
        brand: async () => 'Other brand',
        model: async () => `Other model ${unique()}`,
        description: async () => ({
          root: {
            type: 'root',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            children: [
              {
                type: 'paragraph',
                version: 1,
                children: [{ type: 'text', text: 'New words', version: 1 }],
              },
            ],
          },
        }),
        category: async () => (await createCategory(payload)).id,
        images: async () => [(await createMedia(payload, vendor)).id],
        video: async () => (await createMedia(payload, vendor, 'video')).id,
      }
      await payload.update({
        collection: 'products',
        id: product.id,
        data: { [field]: await values[field]() },
        ...as(vendor),
      })
      expect(await stored(product.id)).toMatchObject({ status: 'pending', available: false })
    },
  )

  it.each([
    ['price', 120],
    ['discount', 20],
    ['stock', 50],
  ] as const)(
    'keeps an approved product approved when the vendor edits %s',
    async (field, value) => {
      const product = await approvedProduct()
      await payload.update({
        collection: 'products',
        id: product.id,
        data: { [field]: value },
        ...as(vendor),
      })
      expect((await stored(product.id)).status).toBe('approved')
    },
  )

  it('keeps an approved product approved when the vendor resends unchanged content', async () => {
    const product = await approvedProduct()
    const current = await stored(product.id)
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { brand: current.brand, model: current.model, stock: 7 },
      ...as(vendor),
    })
    expect((await stored(product.id)).status).toBe('approved')
  })

  it('keeps a product approved when staff edit its content', async () => {
    const product = await approvedProduct()
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { brand: 'Fixed' },
      ...as(staff),
    })
    expect((await stored(product.id)).status).toBe('approved')
  })

  it('resubmits a rejected product for moderation when its vendor edits it', async () => {
    const product = await vendorCreates()
    await moderateProduct(await reqAs(staff), {
      id: product.id,
      decision: 'reject',
      reason: 'Typo',
    })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { model: `Fixed ${unique()}` },
      ...as(vendor),
    })
    expect((await stored(product.id)).status).toBe('pending')
  })
})

describe('reading products', () => {
  let pending: Product
  let approved: Product
  let othersPending: Product

  beforeAll(async () => {
    pending = await createProduct(payload, { owner: vendor.id, status: 'pending' })
    approved = await createProduct(payload, { owner: vendor.id, status: 'approved' })
    othersPending = await createProduct(payload, { owner: otherVendor.id, status: 'pending' })
  })

  const visibleIds = async (user: User | undefined) => {
    const { docs } = await payload.find({
      collection: 'products',
      where: { id: { in: [pending.id, approved.id, othersPending.id] } },
      depth: 0,
      ...as(user),
    })
    return docs.map((doc) => doc.id).sort()
  }

  it('shows anonymous users and customers approved products only', async () => {
    expect(await visibleIds(undefined)).toEqual([approved.id])
    expect(await visibleIds(customer)).toEqual([approved.id])
  })

  it('shows vendors approved products and their own in any status', async () => {
    expect(await visibleIds(vendor)).toEqual([pending.id, approved.id].sort())
    expect(await visibleIds(otherVendor)).toEqual([approved.id, othersPending.id].sort())
  })

  it('shows admins and staff every product', async () => {
    const all = [pending.id, approved.id, othersPending.id].sort()
    expect(await visibleIds(staff)).toEqual(all)
    expect(await visibleIds(admin)).toEqual(all)
  })

  it('hides trashed products from normal reads but keeps them for history', async () => {
    const product = await createProduct(payload, { owner: vendor.id })
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { deletedAt: new Date().toISOString() },
      ...as(vendor),
    })
    const { totalDocs } = await payload.count({
      collection: 'products',
      where: { id: { equals: product.id } },
    })
    expect(totalDocs).toBe(0)
    expect((await stored(product.id)).deletedAt).toEqual(expect.any(String))
  })

  it('filters and sorts through the standard query', async () => {
    const brand = `Brand${unique()}`
    const cheap = await createProduct(payload, { owner: vendor.id, brand, price: 10, stock: 0 })
    const mid = await createProduct(payload, { owner: vendor.id, brand, price: 50, discount: 50 })
    const dear = await createProduct(payload, { owner: vendor.id, brand, price: 90 })
    const find = (where: object, sort: string) =>
      payload
        .find({
          collection: 'products',
          where: { brand: { equals: brand }, ...where },
          sort,
          depth: 0,
          ...as(customer),
        })
        .then(({ docs }) => docs.map((doc) => doc.id))
    expect(await find({}, 'price')).toEqual([cheap.id, mid.id, dear.id])
    expect(await find({}, '-finalPrice')).toEqual([dear.id, mid.id, cheap.id]) // 90, 25, 10
    expect(await find({ finalPrice: { greater_than_equal: 20, less_than: 90 } }, 'price')).toEqual([
      mid.id,
    ])
    expect(await find({ available: { equals: true } }, 'createdAt')).toEqual([mid.id, dear.id])
  })
})

describe('product history', () => {
  it("returns the caller's own products in any status, newest first, paginated", async () => {
    const owner = await createUser(payload, ['vendor'])
    const first = await createProduct(payload, { owner: owner.id, status: 'pending' })
    const second = await createProduct(payload, {
      owner: owner.id,
      status: 'rejected',
      rejectionReason: 'x',
    })
    const third = await createProduct(payload, { owner: owner.id, status: 'approved' })
    await createProduct(payload, { owner: vendor.id })
    const page1 = await productHistory(await reqAs(owner), { page: 1, limit: 2 })
    expect(page1.docs.map((doc) => doc.id)).toEqual([third.id, second.id])
    expect(page1).toMatchObject({ totalDocs: 3, totalPages: 2, hasNextPage: true })
    const page2 = await productHistory(await reqAs(owner), { page: 2, limit: 2 })
    expect(page2.docs.map((doc) => doc.id)).toEqual([first.id])
  })

  it('refuses anonymous callers (401) and bad paging (400)', async () => {
    await expectRejected(productHistory(await createLocalReq({}, payload)), 401)
    await expectRejected(productHistory(await reqAs(vendor), { limit: 1000 }), 400)
  })
})

describe('product media', () => {
  it('accepts images in images and a video in video', async () => {
    const image = await createMedia(payload, vendor)
    const video = await createMedia(payload, vendor, 'video')
    const product = await vendorCreates({ images: [image.id], video: video.id })
    expect(await stored(product.id)).toMatchObject({ images: [image.id], video: video.id })
  })

  it('refuses a video among images and a picture as the video (400)', async () => {
    const image = await createMedia(payload, vendor)
    const video = await createMedia(payload, vendor, 'video')
    await expectRejected(vendorCreates({ images: [image.id, video.id] }), 400)
    await expectRejected(vendorCreates({ video: image.id }), 400)
  })
})

describe('pictures and videos of a product', () => {
  /** A 400 whose field error says the media are someone else's. */
  const expectNotOwnMedia = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as { status?: number; data?: { errors?: Array<{ message: string }> } } | undefined
    expect(error?.status).toBe(400)
    expect(error?.data?.errors?.[0]?.message).toMatch(/was not uploaded by you/)
  }

  it("refuses a vendor attaching another user's media, through the access rules", async () => {
    const theirs = await createMedia(payload, otherVendor)
    const theirVideo = await createMedia(payload, otherVendor, 'video')
    await expectNotOwnMedia(vendorCreates({ images: [theirs.id] }))
    await expectNotOwnMedia(vendorCreates({ video: theirVideo.id }))
    const product = await vendorCreates()
    await expectNotOwnMedia(
      payload.update({
        collection: 'products',
        id: product.id,
        data: { images: [theirs.id] },
        ...as(vendor),
      }),
    )
    expect((await stored(product.id)).images ?? []).toEqual([])
  })

  it('lets a vendor attach their own media, and keep what staff attached while editing', async () => {
    const own = await createMedia(payload, vendor)
    const product = await vendorCreates({ images: [own.id] })
    expect((await stored(product.id)).images).toEqual([own.id])
    const staffPicture = await createMedia(payload, staff)
    await payload.update({
      collection: 'products',
      id: product.id,
      data: { images: [own.id, staffPicture.id] },
      ...as(staff),
    })
    const edited = await payload.update({
      collection: 'products',
      id: product.id,
      data: { model: `Renamed ${unique()}`, images: [staffPicture.id, own.id] },
      depth: 0,
      ...as(vendor),
    })
    expect(edited.images).toEqual([staffPicture.id, own.id])
  })
})
