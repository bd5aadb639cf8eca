import { randomBytes } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import type { Payload } from 'payload'
import sharp from 'sharp'

import type { Category, Media, Product, User } from '@/payload-types'
import type { Role } from '../../src/lib/roles'

export type Actor = Role | 'anonymous'

export const PASSWORD = 'Correct-Horse-9-battery'

/** A short random suffix: the int database is shared by every test file of a run. */
export const unique = (): string => randomBytes(4).toString('hex')

/**
 * The first user of an empty database becomes admin (assignFirstUserAdmin); make sure that is a
 * throwaway account, so the roles fixtures ask for are the roles they get.
 */
const ensureBootstrapUser = async (payload: Payload): Promise<void> => {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return
  await payload.create({
    collection: 'users',
    data: {
      username: `root_${unique()}`,
      email: `root-${unique()}@example.com`,
      password: PASSWORD,
      roles: ['admin'],
    },
  })
}

/** A user with one role, created as trusted server code. */
export const createUser = async (
  payload: Payload,
  role: Role,
  data: Partial<User> = {},
): Promise<User> => {
  await ensureBootstrapUser(payload)
  const suffix = unique()
  return payload.create({
    collection: 'users',
    data: {
      username: `${role}_${suffix}`,
      email: `${role}-${suffix}@example.com`,
      password: PASSWORD,
      roles: [role],
      ...data,
    },
  })
}

/** One user per role, plus `undefined` for anonymous. */
export const createActors = async (payload: Payload): Promise<Record<Actor, User | undefined>> => ({
  anonymous: undefined,
  customer: await createUser(payload, 'customer'),
  vendor: await createUser(payload, 'vendor'),
  staff: await createUser(payload, 'staff'),
  admin: await createUser(payload, 'admin'),
})

/** Local API options that act for `user` under the access rules. */
export const as = (user: User | undefined) => ({ user, overrideAccess: false as const })

export const createCategory = async (
  payload: Payload,
  data: Partial<Category> = {},
): Promise<Category> => {
  const suffix = unique()
  return payload.create({
    collection: 'categories',
    data: { name: `Category ${suffix}`, slug: `category-${suffix}`, ...data },
  })
}

/** A product owned by `owner`, created as trusted server code (approved unless told otherwise). */
export const createProduct = async (
  payload: Payload,
  owner: User,
  data: Partial<Product> = {},
): Promise<Product> => {
  const suffix = unique()
  return payload.create({
    collection: 'products',
    data: {
      brand: 'Acme',
      model: `Model ${suffix}`,
      slug: `acme-model-${suffix}`,
      price: 100,
      discount: 0,
      stock: 10,
      status: 'approved',
      owner: owner.id,
      ...data,
    },
  })
}

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
