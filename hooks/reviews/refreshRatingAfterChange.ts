import type { CollectionAfterChangeHook } from 'payload'

import type { Review } from '@/payload-types'
import { refreshProductRating } from '../../src/lib/productRating'
import { relationId } from '../../src/lib/relationId'
import { transactionSql } from '../../src/lib/transactionSql'

/** Keeps the product's ratingAverage/ratingCount exact after a review is written or hidden. */
export const refreshRatingAfterChange: CollectionAfterChangeHook<Review> = async ({ doc, req }) => {
  const productId = relationId(doc.product)
  if (productId !== undefined) await refreshProductRating(await transactionSql(req), productId)
  return doc
}
