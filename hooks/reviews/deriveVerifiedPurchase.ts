import type { CollectionBeforeChangeHook } from 'payload'

import type { Review } from '@/payload-types'
import { relationId } from '../../src/lib/relationId'
import { transactionSql } from '../../src/lib/transactionSql'
import { hasPurchased } from '../../src/lib/verifiedPurchase'

/** `verifiedPurchase` is the server's word: the author has a paid/shipped/delivered order of it. */
export const deriveVerifiedPurchase: CollectionBeforeChangeHook<Review> = async ({ data, req }) => {
  const authorId = relationId(data.author)
  const productId = relationId(data.product)
  data.verifiedPurchase =
    authorId !== undefined && productId !== undefined
      ? await hasPurchased(await transactionSql(req), authorId, productId)
      : false
  return data
}
