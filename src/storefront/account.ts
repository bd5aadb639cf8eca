import { redirect } from 'next/navigation'

import type { Order, Review, User } from '@/payload-types'
import { hasRole } from '../lib/roles'
import { savedCartLines } from '../operations/carts'
import { shopper } from './session'

/**
 * The signed-in customer's own data for the account, cart and checkout pages: every read acts for
 * the user with `overrideAccess: false`, so the collections' ownership rules decide what is found.
 */

/** The signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export const requireShopper = async (returnTo: string) => {
  const session = await shopper()
  if (!session.user) redirect(`/account/sign-in?next=${encodeURIComponent(returnTo)}`)
  return session as { payload: typeof session.payload; user: User }
}

/** Units in the signed-in user's saved cart (0 for guests: theirs is in the browser). */
export const savedCartUnits = async (): Promise<number> => {
  const { payload, user } = await shopper()
  if (!user) return 0
  return (await savedCartLines(payload, user)).reduce((sum, line) => sum + line.quantity, 0)
}

/** Whether the account page links to the vendor console (/admin): vendors, staff and admins. */
export const hasConsole = (user: User): boolean => hasRole(user, 'vendor', 'staff', 'admin')

export const ORDERS_PER_PAGE = 20

/** The user's orders, newest first. */
export const myOrders = async (page: number) => {
  const { payload, user } = await requireShopper('/account/orders')
  return payload.find({
    collection: 'orders',
    where: { customer: { equals: user.id } },
    select: { status: true, total: true, currency: true, createdAt: true, items: true },
    sort: '-createdAt',
    depth: 0,
    limit: ORDERS_PER_PAGE,
    page,
    overrideAccess: false,
    user,
  })
}

/** One of the user's orders with its products' names, or null (another's is not found). */
export const myOrder = async (id: number): Promise<Order | null> => {
  const { payload, user } = await requireShopper(`/account/orders/${id}`)
  const { docs } = await payload.find({
    collection: 'orders',
    where: { and: [{ id: { equals: id } }, { customer: { equals: user.id } }] },
    depth: 1,
    populate: { products: { brand: true, model: true, slug: true } },
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs[0] ?? null
}

/** The user's reviews, newest first, with their products' names. */
export const myReviews = async (): Promise<Review[]> => {
  const { payload, user } = await requireShopper('/account/reviews')
  const { docs } = await payload.find({
    collection: 'reviews',
    where: { author: { equals: user.id } },
    depth: 1,
    populate: { products: { brand: true, model: true, slug: true } },
    sort: '-createdAt',
    limit: 100,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs
}

/** The signed-in user's review of a product, if any (for the product page's review form). */
export const myReviewOf = async (product: number): Promise<Review | null> => {
  const { payload, user } = await shopper()
  if (!user) return null
  const { docs } = await payload.find({
    collection: 'reviews',
    where: { and: [{ product: { equals: product } }, { author: { equals: user.id } }] },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs[0] ?? null
}
