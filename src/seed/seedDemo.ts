import { createLocalReq, type Payload } from 'payload'

import { moderateProduct } from '../operations/productModeration'
import { slugify } from '../lib/slugify'
import type { User } from '../payload-types'
import { demoCategories, demoProducts, demoUsers } from './demoCatalog'
import { productImage } from './productImage'
import { richText } from './richText'
import { seedReviewsAndOrders } from './seedReviewsAndOrders'
import { seedVolume } from './seedVolume'

/** Seed only an empty database, and only the embedded one unless `SEED_DEMO=true` asks for it. */
export const shouldSeedDemo = async (payload: Payload): Promise<boolean> => {
  if (process.env.SEED_DEMO === 'false') return false
  const wanted = process.env.SEED_DEMO === 'true' || process.env.MARKETPLACE_EMBEDDED_DB === 'true'
  if (!wanted) return false
  const { totalDocs } = await payload.count({ collection: 'users' })
  return totalDocs === 0
}

/** Demo products left for staff to moderate: the last few stay pending, one is rejected. */
const PENDING_COUNT = 2
/** Demo customers who sign up themselves; the admin opens the others' accounts. */
const SIGN_UP_CUSTOMERS = 3
const REJECTED_REASON = 'The pictures show a different model: please upload photos of this one.'

/**
 * Fills an empty database with a demo store. Everything after the first user goes through the
 * same access rules and hooks that API clients go through (`overrideAccess: false`): customers
 * and vendors sign up as anonymous users would (the admin then activates them), vendors list
 * products (pending), staff approves
 * most of them with the same operation as `POST /api/products/:id/approve`, leaves a couple
 * pending and rejects one; a product the admin creates is approved at once.
 */
export const seedDemo = async (payload: Payload): Promise<void> => {
  const log = payload.logger
  const started = performance.now()
  log.info('Seeding the demo catalog…')

  // The first user of an empty database becomes the admin.
  const admin = (await payload.create({
    collection: 'users',
    data: { ...demoUsers.admin, roles: ['admin'] },
  })) as User
  const asAdmin = { user: admin, overrideAccess: false } as const

  // Only an admin grants the staff role.
  const staff = await payload.create({
    collection: 'users',
    data: { ...demoUsers.staff, roles: ['staff'] },
    ...asAdmin,
  })
  const asStaff = { user: staff, overrideAccess: false } as const

  // Vendors and customers sign up themselves (public sign-up, no user).
  const vendors: User[] = []
  for (const vendor of demoUsers.vendors) {
    const signedUp = await payload.create({
      collection: 'users',
      data: { ...vendor, roles: ['vendor'] },
      overrideAccess: false,
    })
    // An anonymous caller reads back no private fields (roles): load the account as the server.
    vendors.push(await payload.findByID({ collection: 'users', id: signedUp.id, depth: 0 }))
  }
  const customerIds: number[] = []
  const [signingUp, addedByAdmin] = [
    demoUsers.customers.slice(0, SIGN_UP_CUSTOMERS),
    demoUsers.customers.slice(SIGN_UP_CUSTOMERS),
  ]
  for (const customer of signingUp) {
    const signedUp = await payload.create({
      collection: 'users',
      data: { ...customer, roles: ['customer'] },
      overrideAccess: false,
    })
    customerIds.push(signedUp.id)
  }
  // Sign-ups start inactive (an activation link goes to the dev outbox); the admin activates the
  // demo accounts so their printed logins work at once.
  for (const id of [...vendors.map((vendor) => vendor.id), ...customerIds]) {
    await payload.update({ collection: 'users', id, data: { _verified: true }, ...asAdmin })
  }
  // The other customers are accounts the admin opens, active at once: a public sign-up takes
  // its time on purpose (it hides whether an email is taken), too long for a dozen of them.
  for (const customer of addedByAdmin) {
    const added = await payload.create({
      collection: 'users',
      data: { ...customer, roles: ['customer'], _verified: true },
      ...asAdmin,
    })
    customerIds.push(added.id)
  }

  // Staff maintain the category tree.
  const categoryIds = new Map<string, number>()
  for (const category of demoCategories) {
    const created = await payload.create({
      collection: 'categories',
      data: {
        name: category.name,
        slug: slugify(category.name),
        description: category.description,
      },
      ...asStaff,
    })
    categoryIds.set(category.name, created.id)
  }

  const productIds: number[] = []
  for (const [index, product] of demoProducts.entries()) {
    // The last product of the list is the admin's own: approved at once.
    const isAdminProduct = index === demoProducts.length - 1
    const creator = isAdminProduct ? admin : vendors[index % vendors.length]
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
      user: creator,
      overrideAccess: false,
    })
    const created = await payload.create({
      collection: 'products',
      data: {
        brand: product.brand,
        model: product.model,
        slug: slugify(`${product.brand} ${product.model}`),
        // Ignored for a vendor (field access): their products always start pending.
        status: isAdminProduct ? 'approved' : 'pending',
        description: richText(product.blurb),
        category: categoryIds.get(product.category),
        price: product.price,
        discount: product.discount ?? 0,
        stock: product.stock,
        images: [picture.id],
      },
      user: creator,
      overrideAccess: false,
    })
    if (!isAdminProduct) productIds.push(created.id)
  }

  // Staff moderates the vendors' products through the same operation as the REST endpoints.
  const staffReq = await createLocalReq({ user: { ...staff, collection: 'users' } }, payload)
  const toModerate = productIds.slice(0, productIds.length - PENDING_COUNT)
  const [rejected, ...approved] = toModerate
  for (const id of approved) await moderateProduct(staffReq, { id, decision: 'approve' })
  await moderateProduct(staffReq, { id: rejected, decision: 'reject', reason: REJECTED_REASON })

  log.info(
    `Seeded ${demoProducts.length} products from ${vendors.length} vendors and the admin: ` +
      `${approved.length + 1} approved, ${PENDING_COUNT} pending, 1 rejected.`,
  )
  // The customers who signed up order and review through the API; the bulk adds the volume.
  await seedReviewsAndOrders(payload, {
    customers: { id: { in: customerIds.slice(0, SIGN_UP_CUSTOMERS) } },
  })
  await seedVolume(payload, { staff, vendors, customers: customerIds })
  log.info(`Seeded the demo store in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
}

/** The lines printed after a seed so a newcomer can log in. */
export const demoLoginLines = (adminUrl: string): string[] => [
  `Admin UI: ${adminUrl}`,
  `  admin    ${demoUsers.admin.email} / ${demoUsers.admin.password}`,
  `  staff    ${demoUsers.staff.email} / ${demoUsers.staff.password}`,
  `  vendor   ${demoUsers.vendors[0].email} / ${demoUsers.vendors[0].password}`,
  `  customer ${demoUsers.customers[0].email} / ${demoUsers.customers[0].password}`,
]
