import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/**
 * A user who has orders, reviews or products (trashed ones included) is not deleted: they keep
 * order history, ratings and the catalog resolving. 409, no cascade, no orphans.
 */
export const refuseDeletingUserWithHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const orders = await req.payload.count({
    collection: 'orders',
    where: { customer: { equals: id } },
    req,
  })
  const reviews = await req.payload.count({
    collection: 'reviews',
    where: { author: { equals: id } },
    req,
  })
  const products = await req.payload.count({
    collection: 'products',
    where: { owner: { equals: id } },
    trash: true,
    req,
  })
  const held = [
    [orders.totalDocs, 'order'],
    [reviews.totalDocs, 'review'],
    [products.totalDocs, 'product'],
  ] as const
  const described = held
    .filter(([count]) => count > 0)
    .map(([count, noun]) => `${count} ${noun}${count === 1 ? '' : 's'}`)
  if (described.length > 0) {
    throw new APIError(
      `This user still has ${described.join(', ')}, which must keep resolving; the account cannot be deleted.`,
      409,
    )
  }
}
