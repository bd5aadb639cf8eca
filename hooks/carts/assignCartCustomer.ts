import type { CollectionBeforeChangeHook } from 'payload'

import type { Cart } from '@/payload-types'
import { relationId } from '../../src/lib/relationId'

/** A cart belongs to one customer for good: a client's `customer` is ignored on update. */
export const assignCartCustomer: CollectionBeforeChangeHook<Cart> = ({ data, originalDoc }) => {
  const owner = relationId(originalDoc?.customer)
  if (owner !== undefined) data.customer = owner
  return data
}
