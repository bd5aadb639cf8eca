import { APIError, type PaginatedDocs, type PayloadRequest } from 'payload'

import type { Product } from '@/payload-types'

const MAX_LIMIT = 100

/**
 * The caller's own products in any status, newest first, paginated. Goes through the products'
 * read access (`overrideAccess: false`), so it never returns another user's product.
 */
export const productHistory = async (
  req: PayloadRequest,
  { page = 1, limit = 10 }: { page?: number; limit?: number } = {},
): Promise<PaginatedDocs<Product>> => {
  if (!req.user) throw new APIError('You must be logged in to see your products.', 401)
  if (!Number.isInteger(page) || page < 1) throw new APIError('"page" is a positive integer.', 400)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new APIError(`"limit" is an integer from 1 to ${MAX_LIMIT}.`, 400)
  }
  return req.payload.find({
    collection: 'products',
    where: { owner: { equals: req.user.id } },
    sort: ['-createdAt', '-id'],
    page,
    limit,
    depth: 0,
    overrideAccess: false,
    req,
  })
}
