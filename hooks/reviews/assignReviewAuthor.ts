import type { CollectionBeforeChangeHook } from 'payload'

import type { Review } from '@/payload-types'
import { relationId } from '../../src/lib/relationId'

/**
 * A review's author is whoever writes it, and never changes. A client's `author` is ignored;
 * only a system call without a user (seed, migrations) may name one.
 */
export const assignReviewAuthor: CollectionBeforeChangeHook<Review> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create') {
    if (req.user) data.author = req.user.id
  } else if (originalDoc) {
    data.author = relationId(originalDoc.author)!
    data.product = relationId(originalDoc.product)!
  }
  return data
}
