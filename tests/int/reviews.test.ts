import { type Payload, ValidationError } from 'payload'

import type { Review } from '@/payload-types'
import { duplicateReviewConflict } from '../../hooks/reviews/duplicateReviewConflict'
import { closePayload, initPayload } from '../helpers/payload'
import {
  createProduct,
  createUser,
  placeOrder,
  setOrderStatus,
  storedProduct,
  type TestUser,
  writeReview,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'

describe('reviews', () => {
  let payload: Payload
  let author: TestUser
  let other: TestUser
  let staff: TestUser
  let admin: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    author = await createUser(payload, ['customer'])
    other = await createUser(payload, ['customer'])
    staff = await createUser(payload, ['staff'])
    admin = await createUser(payload, ['admin'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const rating = async (productId: number) => {
    const product = await storedProduct(payload, productId)
    return { average: product.ratingAverage, count: product.ratingCount }
  }

  const stored = (id: number) =>
    payload.findByID({ collection: 'reviews', id, depth: 0, overrideAccess: true })

  it('sets the author from the caller and ignores client status and verifiedPurchase', async () => {
    const product = await createProduct(payload)
    const review = await writeReview(payload, author, product.id, 4, {
      author: other.id,
      status: 'hidden',
      verifiedPurchase: true,
    })
    expect(review).toMatchObject({
      author: author.id,
      status: 'published',
      verifiedPurchase: false,
    })
  })

  it('refuses anonymous reviews', async () => {
    const product = await createProduct(payload)
    const failure = await failureOf(
      payload.create({
        collection: 'reviews',
        data: { product: product.id, rating: 5 } as Review,
        overrideAccess: false,
      }),
    )
    expect(failure.status).toBe(403)
  })

  it('reviews only approved products that are not in the trash', async () => {
    const pending = await createProduct(payload, { status: 'pending' })
    const rejected = await createProduct(payload, { status: 'rejected' })
    const trashed = await createProduct(payload)
    await payload.update({
      collection: 'products',
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    for (const product of [pending, rejected, trashed]) {
      const failure = await failureOf(writeReview(payload, author, product.id, 5))
      expect(failure).toMatchObject({
        status: 400,
        message: `Product ${product.id} is not available for review`,
      })
    }
  })

  it('refuses a vendor reviewing their own product with 403, and stores nothing', async () => {
    const vendor = await createUser(payload, ['vendor'])
    const product = await createProduct(payload, { owner: vendor.id })
    const failure = await failureOf(writeReview(payload, vendor, product.id, 5))
    expect(failure).toMatchObject({ status: 403, message: 'You cannot review your own product' })
    expect(await rating(product.id)).toEqual({ average: 0, count: 0 })
    const { totalDocs } = await payload.count({
      collection: 'reviews',
      where: { product: { equals: product.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('rejects a second review of the same product by the same user with 409', async () => {
    const product = await createProduct(payload)
    await writeReview(payload, author, product.id, 5)
    const failure = await failureOf(writeReview(payload, author, product.id, 1))
    expect(failure).toMatchObject({
      status: 409,
      message: 'You have already reviewed this product',
    })
    expect(await rating(product.id)).toEqual({ average: 5, count: 1 })
  })

  it('rejects simultaneous duplicate reviews: exactly one is stored, the rest get 409', async () => {
    const product = await createProduct(payload)
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => writeReview(payload, other, product.id, 3)),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.status).toBe(409)
    }
    const { totalDocs } = await payload.count({
      collection: 'reviews',
      where: { product: { equals: product.id } },
    })
    expect(totalDocs).toBe(1)
  })

  it('backs one review per user and product with a unique index, reported as 409', async () => {
    const product = await createProduct(payload)
    await writeReview(payload, author, product.id, 5)
    // Straight to the database, past the hooks: only the unique index can refuse this.
    let caught: unknown
    try {
      await payload.db.create({
        collection: 'reviews',
        data: { product: product.id, author: author.id, rating: 1, status: 'published' },
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ValidationError)
    const mapped = await duplicateReviewConflict({
      error: caught as Error,
      collection: payload.collections.reviews.config,
      context: {},
      req: {} as never,
    })
    expect(mapped).toEqual({
      status: 409,
      response: { errors: [{ message: 'You have already reviewed this product' }] },
    })
  })

  it('validates rating (whole 1–5) and body length', async () => {
    const product = await createProduct(payload)
    for (const bad of [0, 6, 3.5]) {
      expect((await failureOf(writeReview(payload, author, product.id, bad))).status).toBe(400)
    }
    const long = await failureOf(
      writeReview(payload, author, product.id, 3, { body: 'x'.repeat(5001) }),
    )
    expect(long.status).toBe(400)
    await writeReview(payload, author, product.id, 3, { body: 'x'.repeat(5000) })
  })

  it('refuses a rating sent as text that is not a number ("4abc") with 400 naming it', async () => {
    const product = await createProduct(payload)
    const failure = await failureOf(
      writeReview(payload, author, product.id, '4abc' as unknown as number),
    )
    expect(failure).toMatchObject({ status: 400, paths: ['rating'] })
    expect(await rating(product.id)).toEqual({ average: 0, count: 0 })
  })

  it('keeps ratingAverage and ratingCount exact through create, edit, hide, unhide and delete', async () => {
    const product = await createProduct(payload)
    const third = await createUser(payload, ['customer'])
    const a = await writeReview(payload, author, product.id, 5)
    const b = await writeReview(payload, other, product.id, 4)
    const c = await writeReview(payload, third, product.id, 2)
    expect(await rating(product.id)).toEqual({ average: 3.67, count: 3 })

    await payload.update({
      collection: 'reviews',
      id: c.id,
      data: { rating: 3 },
      user: third,
      overrideAccess: false,
    })
    expect(await rating(product.id)).toEqual({ average: 4, count: 3 })

    await payload.update({
      collection: 'reviews',
      id: a.id,
      data: { status: 'hidden' },
      user: staff,
      overrideAccess: false,
    })
    expect(await rating(product.id)).toEqual({ average: 3.5, count: 2 })

    await payload.update({
      collection: 'reviews',
      id: a.id,
      data: { status: 'published' },
      user: staff,
      overrideAccess: false,
    })
    expect(await rating(product.id)).toEqual({ average: 4, count: 3 })

    await payload.delete({ collection: 'reviews', id: b.id, user: other, overrideAccess: false })
    expect(await rating(product.id)).toEqual({ average: 4, count: 2 })
    await payload.delete({ collection: 'reviews', id: a.id, user: admin, overrideAccess: false })
    await payload.delete({ collection: 'reviews', id: c.id, user: staff, overrideAccess: false })
    expect(await rating(product.id)).toEqual({ average: 0, count: 0 })
  })

  it('lets only admin/staff hide; authors may not hide or unhide', async () => {
    const product = await createProduct(payload)
    const review = await writeReview(payload, author, product.id, 2)
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { status: 'hidden', body: 'edited' },
      user: author,
      overrideAccess: false,
    })
    expect(await stored(review.id)).toMatchObject({ status: 'published', body: 'edited' })
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { status: 'hidden' },
      user: staff,
      overrideAccess: false,
    })
    expect((await stored(review.id)).status).toBe('hidden')
  })

  it('keeps author and product immutable and staff out of the author’s words', async () => {
    const product = await createProduct(payload)
    const another = await createProduct(payload)
    const review = await writeReview(payload, author, product.id, 4, { body: 'original' })
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { author: other.id, product: another.id },
      user: author,
      overrideAccess: false,
    })
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { body: 'staff rewrote it', rating: 1 },
      user: staff,
      overrideAccess: false,
    })
    expect(await stored(review.id)).toMatchObject({
      author: author.id,
      product: product.id,
      body: 'original',
      rating: 4,
    })
  })

  it('shows published reviews to everyone, hidden ones to their author and staff only', async () => {
    const product = await createProduct(payload)
    const visible = await writeReview(payload, other, product.id, 5)
    const hidden = await writeReview(payload, author, product.id, 1)
    await payload.update({
      collection: 'reviews',
      id: hidden.id,
      data: { status: 'hidden' },
      user: staff,
      overrideAccess: false,
    })
    const idsFor = async (user?: TestUser) =>
      (
        await payload.find({
          collection: 'reviews',
          where: { product: { equals: product.id } },
          overrideAccess: false,
          ...(user ? { user } : {}),
        })
      ).docs
        .map((review) => review.id)
        .sort()
    expect(await idsFor()).toEqual([visible.id])
    expect(await idsFor(other)).toEqual([visible.id])
    expect(await idsFor(author)).toEqual([visible.id, hidden.id].sort())
    expect(await idsFor(staff)).toEqual([visible.id, hidden.id].sort())
  })

  it('shows anonymous readers the author’s username and avatar and nothing else of the user', async () => {
    const product = await createProduct(payload)
    await writeReview(payload, author, product.id, 5)
    const { docs } = await payload.find({
      collection: 'reviews',
      where: { product: { equals: product.id } },
      depth: 2,
      overrideAccess: false,
    })
    expect(docs[0].authorProfile).toEqual({ username: author.username, avatarUrl: null })
    expect(JSON.stringify(docs[0])).not.toContain(author.email)
  })

  it('derives verifiedPurchase from paid, shipped or delivered orders, and keeps it current', async () => {
    const product = await createProduct(payload, { stock: 10 })
    const buyer = await createUser(payload, ['customer'])
    const order = await placeOrder(payload, buyer, [{ product: product.id, quantity: 1 }])
    const review = await writeReview(payload, buyer, product.id, 5)
    expect(review.verifiedPurchase).toBe(false)
    await setOrderStatus(payload, order.id, 'paid', staff)
    expect((await stored(review.id)).verifiedPurchase).toBe(true)
    await setOrderStatus(payload, order.id, 'cancelled', staff)
    expect((await stored(review.id)).verifiedPurchase).toBe(false)

    const second = await placeOrder(payload, buyer, [{ product: product.id, quantity: 1 }])
    await setOrderStatus(payload, second.id, 'paid', staff)
    await setOrderStatus(payload, second.id, 'shipped', staff)
    await payload.delete({
      collection: 'reviews',
      id: review.id,
      user: buyer,
      overrideAccess: false,
    })
    const again = await writeReview(payload, buyer, product.id, 4)
    expect(again.verifiedPurchase).toBe(true)
  })

  it('filters by product and author and sorts by rating both ways', async () => {
    const product = await createProduct(payload)
    const users = await Promise.all([1, 2, 3].map(() => createUser(payload, ['customer'])))
    for (const [index, user] of users.entries()) {
      await writeReview(payload, user, product.id, [2, 5, 3][index])
    }
    const ratings = async (sort: string) =>
      (
        await payload.find({
          collection: 'reviews',
          where: { product: { equals: product.id } },
          sort,
        })
      ).docs.map((review) => review.rating)
    expect(await ratings('rating')).toEqual([2, 3, 5])
    expect(await ratings('-rating')).toEqual([5, 3, 2])
    const byAuthor = await payload.find({
      collection: 'reviews',
      where: { author: { equals: users[1].id } },
    })
    expect(byAuthor.docs.map((review) => review.rating)).toEqual([5])
  })
})
