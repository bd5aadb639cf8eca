import type { Payload } from 'payload'

import type { User } from '../payload-types'
import { demoCategories, demoProducts, demoUsers } from './demoCatalog'
import { productImage } from './productImage'
import { seedReviewsAndOrders } from './seedReviewsAndOrders'

const slugify = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '')

/** Seed only an empty database, and only the embedded one unless `SEED_DEMO=true` asks for it. */
export const shouldSeedDemo = async (payload: Payload): Promise<boolean> => {
  if (process.env.SEED_DEMO === 'false') return false
  const wanted = process.env.SEED_DEMO === 'true' || process.env.MARKETPLACE_EMBEDDED_DB === 'true'
  if (!wanted) return false
  const { totalDocs } = await payload.count({ collection: 'users' })
  return totalDocs === 0
}

/**
 * Fills an empty database with a demo store. Everything after the first user is created through
 * the same access rules and hooks that API clients go through (`overrideAccess: false`).
 */
export const seedDemo = async (payload: Payload): Promise<void> => {
  const log = payload.logger
  log.info('Seeding the demo catalog…')

  // The first user of an empty database becomes the admin.
  const admin = (await payload.create({
    collection: 'users',
    data: { ...demoUsers.admin, roles: ['admin'] },
  })) as User
  const asAdmin = { user: admin, overrideAccess: false } as const

  await payload.create({
    collection: 'users',
    data: { ...demoUsers.staff, roles: ['staff'] },
    ...asAdmin,
  })
  const vendors: User[] = []
  for (const vendor of demoUsers.vendors) {
    vendors.push(
      await payload.create({
        collection: 'users',
        data: { ...vendor, roles: ['vendor'] },
        ...asAdmin,
      }),
    )
  }
  for (const customer of demoUsers.customers) {
    await payload.create({
      collection: 'users',
      data: { ...customer, roles: ['customer'] },
      ...asAdmin,
    })
  }

  const categoryIds = new Map<string, number>()
  for (const category of demoCategories) {
    const created = await payload.create({
      collection: 'categories',
      data: {
        name: category.name,
        slug: slugify(category.name),
        description: category.description,
      },
      ...asAdmin,
    })
    categoryIds.set(category.name, created.id)
  }

  for (const [index, product] of demoProducts.entries()) {
    const vendor = vendors[index % vendors.length]
    const image = await productImage(index)
    const picture = await payload.create({
      collection: 'media',
      data: { alt: `${product.brand} ${product.model}` },
      file: {
        data: image,
        mimetype: 'image/png',
        name: `${slugify(product.model)}.png`,
        size: image.length,
      },
      user: vendor,
      overrideAccess: false,
    })
    await payload.create({
      collection: 'products',
      data: {
        brand: product.brand,
        model: product.model,
        slug: slugify(`${product.brand} ${product.model}`),
        category: categoryIds.get(product.category),
        price: product.price,
        discount: product.discount ?? 0,
        stock: product.stock,
        images: [picture.id],
        owner: vendor.id,
        status: 'pending',
      },
      user: vendor,
      overrideAccess: false,
    })
  }
  log.info(`Seeded ${demoProducts.length} products from ${vendors.length} vendors.`)
  await seedReviewsAndOrders(payload)
}

/** The lines printed after a seed so a newcomer can log in. */
export const demoLoginLines = (adminUrl: string): string[] => [
  `Admin UI: ${adminUrl}`,
  `  admin    ${demoUsers.admin.email} / ${demoUsers.admin.password}`,
  `  staff    ${demoUsers.staff.email} / ${demoUsers.staff.password}`,
  `  vendor   ${demoUsers.vendors[0].email} / ${demoUsers.vendors[0].password}`,
  `  customer ${demoUsers.customers[0].email} / ${demoUsers.customers[0].password}`,
]
