import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import type { Order, Product, Review, User } from '@/payload-types'
import { finalPriceCents, fromCents } from '../../src/lib/money'

export type Role = User['roles'][number]
/** A user as the Local API's `user` option expects it. */
export type TestUser = User & { collection: 'users' }

export const unique = (): string => randomBytes(5).toString('hex')

/**
 * The first user of an empty database is made admin by a hook, whatever roles it asks for; make
 * sure that user exists before creating users whose roles matter.
 */
const ensureFirstUser = async (payload: Payload): Promise<void> => {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return
  const id = unique()
  await payload.create({
    collection: 'users',
    data: {
      email: `root-${id}@example.com`,
      username: `root_${id}`,
      password: 'Root-pass-123',
      roles: ['admin'],
    },
  })
}

export const createUser = async (
  payload: Payload,
  roles: Role[] = ['customer'],
  prefix: string = roles[0] ?? 'user',
): Promise<TestUser> => {
  await ensureFirstUser(payload)
  const id = unique()
  const user = await payload.create({
    collection: 'users',
    data: {
      email: `${prefix}-${id}@example.com`,
      username: `${prefix}_${id}`,
      password: 'Test-pass-123',
      roles,
    },
  })
  return { ...user, collection: 'users' }
}

type ProductInput = {
  price?: number
  discount?: number
  stock?: number
  status?: Product['status']
  owner?: number
  brand?: string
  model?: string
}

/**
 * A product written with access overridden, its derived fields set explicitly (the catalog's own
 * hooks derive them once merged): finalPrice from the shared money function, available.
 */
export const createProduct = async (
  payload: Payload,
  {
    price = 10,
    discount = 0,
    stock = 10,
    status = 'approved',
    owner,
    brand = 'Acme',
    model,
  }: ProductInput = {},
): Promise<Product> => {
  const id = unique()
  return payload.create({
    collection: 'products',
    data: {
      brand,
      model: model ?? `Model ${id}`,
      slug: `product-${id}`,
      price,
      discount,
      finalPrice: fromCents(finalPriceCents(price, discount)),
      stock,
      available: status === 'approved' && stock > 0,
      status,
      ...(status === 'rejected' ? { rejectionReason: 'Rejected for the test' } : {}),
      owner,
    },
    overrideAccess: true,
  })
}

export const testAddress = {
  name: 'Ada Lovelace',
  lines: '12 Analytical Engine Street',
  city: 'London',
  postcode: 'NW1 6XE',
  country: 'United Kingdom',
  phone: '+44 20 7946 0000',
}

export type LineInput = { product: number; quantity: number }

/** Places an order as `user` through the access rules. */
export const placeOrder = (
  payload: Payload,
  user: TestUser,
  items: LineInput[],
  extra: Record<string, unknown> = {},
): Promise<Order> =>
  payload.create({
    collection: 'orders',
    data: { items, shippingAddress: testAddress, ...extra } as Order,
    depth: 0,
    user,
    overrideAccess: false,
  })

/** Writes a review as `user` through the access rules. */
export const writeReview = (
  payload: Payload,
  user: TestUser,
  product: number,
  rating: number,
  extra: Partial<Review> = {},
): Promise<Review> =>
  payload.create({
    collection: 'reviews',
    data: { product, rating, body: `Rated ${rating}`, ...extra } as Review,
    depth: 0,
    user,
    overrideAccess: false,
  })

/** A product as stored (trashed ones included), bypassing access. */
export const storedProduct = (payload: Payload, id: number): Promise<Product> =>
  payload.findByID({ collection: 'products', id, depth: 0, overrideAccess: true, trash: true })

export const stockOf = async (payload: Payload, id: number): Promise<number> =>
  (await storedProduct(payload, id)).stock

/** Moves an order along as staff (or the system when no user is given). */
export const setOrderStatus = (
  payload: Payload,
  orderId: number,
  status: Order['status'],
  user?: TestUser,
): Promise<Order> =>
  payload.update({
    collection: 'orders',
    id: orderId,
    data: { status },
    depth: 0,
    ...(user ? { user, overrideAccess: false } : { overrideAccess: true }),
  })

/**
 * The status and message of what a call threw, with the paths and messages of a validation
 * error's fields (fails the test if it did not throw).
 */
export const failureOf = async (
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; paths: string[]; messages: string[] }> => {
  try {
    await promise
  } catch (error) {
    const { status, message, data } = error as {
      status?: number
      message: string
      data?: { errors?: { path: string; message: string }[] }
    }
    const problems = data?.errors ?? []
    return {
      status: status ?? 500,
      message,
      paths: problems.map((problem) => problem.path),
      messages: problems.map((problem) => problem.message),
    }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
