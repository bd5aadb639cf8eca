import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/**
 * A category that still has products (trashed ones included: they keep order history resolving)
 * or subcategories is not deleted: 409, no cascade, no orphans.
 */
export const refuseDeletingUsedCategory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs: products } = await req.payload.count({
    collection: 'products',
    where: { category: { equals: id } },
    trash: true,
    req,
  })
  if (products > 0) {
    throw new APIError(
      `This category still has ${products} product${products === 1 ? '' : 's'} (including any in the trash); move them to another category first.`,
      409,
    )
  }
  const { totalDocs: children } = await req.payload.count({
    collection: 'categories',
    where: { parent: { equals: id } },
    req,
  })
  if (children > 0) {
    throw new APIError(
      `This category still has ${children} subcategor${children === 1 ? 'y' : 'ies'}; move or delete them first.`,
      409,
    )
  }
}
