import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { changeModeration, submitProduct } from '../../src/operations/productModeration'

/**
 * Status is moderation, in every API (REST, GraphQL, admin UI, Local API): a new product is
 * submitted, and an update's status change is validated and recorded as a moderator's decision
 * (illegal → 409, rejection without a reason → 400). Anyone else's attempt, and direct writes to
 * the moderation record, are ignored. The rules are in `src/operations/productModeration.ts`.
 */
export const recordProductModeration: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create') return Object.assign(data, submitProduct(req.user, data))
  if (!originalDoc) return data
  return Object.assign(data, changeModeration(req.user, data, originalDoc))
}
