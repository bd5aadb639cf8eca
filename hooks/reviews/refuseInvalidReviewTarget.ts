import { sql } from '@payloadcms/db-postgres'
import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Review } from '@/payload-types'
import { isListed } from '../../src/lib/availability'
import { lockProduct } from '../../src/lib/productRating'
import { relationId } from '../../src/lib/relationId'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * New reviews: the product must be approved and not in the trash, the author must not be its
 * vendor (403: no rating one's own listing), and must not have reviewed it yet (409). The product row is locked first (for the rest of the transaction), so
 * two simultaneous reviews by one author are checked one after the other and the second sees the
 * first; the unique (product, author) index stays as the last line of defence.
 */
export const refuseInvalidReviewTarget: CollectionBeforeChangeHook<Review> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const productId = relationId(data.product)
  const authorId = relationId(data.author)
  if (productId === undefined) throw new APIError('A review needs a product', 400)
  if (authorId === undefined) throw new APIError('A review needs an author', 400)
  const run = await transactionSql(req)
  const product = await lockProduct(run, productId)
  if (!product || !isListed({ status: product.status, trashed: product.deleted })) {
    throw new APIError(`Product ${productId} is not available for review`, 400)
  }
  if (product.owner_id === authorId) {
    throw new APIError('You cannot review your own product', 403)
  }
  const existing = await run(sql`
    SELECT 1 FROM reviews WHERE product_id = ${productId} AND author_id = ${authorId} LIMIT 1`)
  if (existing.rows.length > 0) {
    throw new APIError('You have already reviewed this product', 409)
  }
  return data
}
