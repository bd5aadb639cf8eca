/**
 * The test fixtures: one way to create each entity through the Local API, as trusted server code
 * (access overridden) unless a helper says it acts for a user. Derived fields (`finalPrice`,
 * `available`, slugs' shape) are left to the collections' own hooks; only a product's rating,
 * which only reviews change, is pinned in SQL when a test asks for one.
 */
import { randomBytes } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import type { Payload } from 'payload'
import sharp from 'sharp'

import type { Category, Media, Order, Product, Review, User } from '@/payload-types'
import { databasePool } from '../../src/lib/databasePool'
import type { Role } from '../../src/lib/roles'
import { slugify } from '../../src/lib/slugify'

export type { Role }
export type Actor = Role | 'anonymous'
/** A user as the Local API's `user` option expects it. */
export type TestUser = User & { collection: 'users' }

/** The password of every fixture user. */
export const PASSWORD = 'Correct-Horse-9-battery'

/** A short random hex suffix: ids, usernames and slugs no other test uses. */
export const unique = (): string => randomBytes(5).toString('hex')

/** A lower-case word of letters only, unique per call (a search token no other test uses). */
export const uniqueWord = (prefix = 'zq'): string =>
  prefix +
  [...randomBytes(8)]
    .map((byte) => String.fromCharCode(97 + (byte % 26)))
    .join('')
    .slice(0, 7)

/** Local API options that act for `user` (or anonymously) under the access rules. */
export const as = (user: User | undefined) => ({ user, overrideAccess: false as const })

/**
 * The first user of an empty database becomes admin, whatever roles it asks for
 * (assignFirstUserAdmin): make that a throwaway account, so fixtures get the roles they ask for.
 */
const ensureFirstUser = async (payload: Payload): Promise<void> => {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return
  const id = unique()
  await payload.create({
    collection: 'users',
    data: {
      username: `root_${id}`,
      email: `root-${id}@example.com`,
      password: PASSWORD,
      roles: ['admin'],
    },
  })
}

/** A user with `roles` (a customer by default), signing in with PASSWORD. */
export const createUser = async (
  payload: Payload,
  roles: Role[] = ['customer'],
  data: Partial<User> = {},
): Promise<TestUser> => {
  await ensureFirstUser(payload)
  const id = unique()
  const prefix = roles[0] ?? 'user'
  const user = await payload.create({
    collection: 'users',
    data: {
      username: `${prefix}_${id}`,
      email: `${prefix}-${id}@example.com`,
      password: PASSWORD,
      roles,
      ...data,
    },
  })
  return { ...user, collection: 'users' }
}

/** A category named `Category <id>` unless told otherwise; its slug follows its name. */
export const createCategory = async (
  payload: Payload,
  data: Partial<Category> = {},
): Promise<Category> => {
  const id = unique()
  const name = data.name ?? `Category ${id}`
  return payload.create({
    collection: 'categories',
    data: { name, slug: data.name ? `${slugify(name)}-${id}` : slugify(name), ...data },
  })
}

/** A Lexical document with one paragraph of `text`. */
export const lexical = (text: string): Product['description'] => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        children: [
          { type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
        ],
      },
    ],
  },
})

export type ProductInput = Omit<Partial<Product>, 'description' | 'owner' | 'category'> & {
  /** A user id. */
  owner?: number
  category?: number
  /** Plain text, stored as one Lexical paragraph. */
  description?: string
  /** The average rating, pinned in SQL (normally derived from reviews). */
  rating?: number
}

/**
 * A product (Acme, price 10, stock 10, approved unless told otherwise; a rejected one gets a
 * reason). Its `finalPrice` and `available` come from the collection's hooks.
 */
export const createProduct = async (
  payload: Payload,
  { description, rating, ...input }: ProductInput = {},
): Promise<Product> => {
  const id = unique()
  const brand = input.brand ?? 'Acme'
  const model = input.model ?? `Model ${id}`
  const status = input.status ?? 'approved'
  const product = await payload.create({
    collection: 'products',
    data: {
      slug: `${slugify(`${brand} ${model}`)}-${id}`,
      price: 10,
      discount: 0,
      stock: 10,
      ...(status === 'rejected' ? { rejectionReason: 'Rejected for the test' } : {}),
      ...(description === undefined ? {} : { description: lexical(description) }),
      ...input,
      brand,
      model,
      status,
    },
    overrideAccess: true,
  })
  if (rating === undefined) return product
  await databasePool(payload).query(`UPDATE products SET rating_average = $2 WHERE id = $1`, [
    product.id,
    rating,
  ])
  return product
}

/** A product as stored (trashed ones included), bypassing access. */
export const storedProduct = (payload: Payload, id: number): Promise<Product> =>
  payload.findByID({ collection: 'products', id, depth: 0, overrideAccess: true, trash: true })

export const stockOf = async (payload: Payload, id: number): Promise<number> =>
  (await storedProduct(payload, id)).stock

/** What a product populated into another document holds (its defaultPopulate, id, deletedAt). */
export const PRODUCT_CARD_KEYS = [
  'available',
  'brand',
  'deletedAt',
  'discount',
  'finalPrice',
  'id',
  'images',
  'model',
  'price',
  'slug',
]

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

/** Moves an order along as `user` (or as the system when no user is given). */
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

/** A small PNG picture. */
export const pngBytes = (width = 64, height = 48): Promise<Buffer> =>
  sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .png()
    .toBuffer()

export const jpegBytes = (width = 64, height = 48): Promise<Buffer> =>
  sharp({
    create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } },
  })
    .jpeg()
    .toBuffer()

/**
 * A "pixel bomb": a valid black 1-bit PNG of `width`×`height` that zlib squeezes into a few
 * kilobytes (8000×8000 is about 8 KB), while decoding it takes the full pixel count.
 */
export const pixelBombPng = (width: number, height: number): Buffer => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 1 // bit depth; colour type 0 (greyscale), no interlace: the rest stays 0
  // Each row: filter byte 0, then one bit per pixel, all zero.
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height)
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A minimal, structurally valid MP4 (an `ftyp` box followed by an empty `free` box). */
export const mp4Bytes = (): Buffer => {
  const ftyp = Buffer.alloc(24)
  ftyp.writeUInt32BE(24, 0)
  ftyp.write('ftypisom', 4, 'latin1')
  ftyp.writeUInt32BE(0x200, 12)
  ftyp.write('isommp41', 16, 'latin1')
  const free = Buffer.alloc(8)
  free.writeUInt32BE(8, 0)
  free.write('free', 4, 'latin1')
  return Buffer.concat([ftyp, free])
}

/** A minimal WebM: an EBML header whose DocType is "webm". */
export const webmBytes = (): Buffer =>
  Buffer.from(
    '1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878102428581' + '02',
    'hex',
  )

/** Uploads a file to Media as `user` (a picture unless told otherwise). */
export const createMedia = async (
  payload: Payload,
  user: User,
  kind: 'image' | 'video' = 'image',
): Promise<Media> => {
  const data = kind === 'image' ? await pngBytes() : mp4Bytes()
  return payload.create({
    collection: 'media',
    data: { alt: kind === 'image' ? 'A test picture' : undefined },
    file: {
      data,
      mimetype: kind === 'image' ? 'image/png' : 'video/mp4',
      name: `${kind}-${unique()}.${kind === 'image' ? 'png' : 'mp4'}`,
      size: data.length,
    },
    user,
    overrideAccess: false,
  })
}
