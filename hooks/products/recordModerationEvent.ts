import type { CollectionAfterChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { moderationEvent } from '../../src/operations/productModeration'

/**
 * Appends the product's status change (creation included) to its moderation history, in the
 * write's transaction: a change that rolls back leaves no event, and one that commits always has
 * its event. `previousDoc` is the row as this write found it under its lock
 * (`lockDocumentForWrite`), so concurrent decisions chain from → to without gaps.
 */
export const recordModerationEvent: CollectionAfterChangeHook<Product> = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const event = moderationEvent(req.user, doc, operation === 'create' ? null : previousDoc)
  if (!event) return doc
  await req.payload.create({
    collection: 'product-moderation-events',
    data: event,
    depth: 0,
    // Written by the server: the collection has no create access for anybody.
    overrideAccess: true,
    req,
  })
  return doc
}
