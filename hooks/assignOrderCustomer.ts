import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { relationId } from '../src/lib/relationId'
import { isStaffUser } from '../src/lib/roles'

/**
 * An order belongs to whoever places it; admin/staff may place one for a named customer. The
 * customer never changes afterwards, whatever a client sends.
 */
export const assignOrderCustomer: CollectionBeforeChangeHook<Order> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create') {
    const requested = relationId(data.customer)
    if (req.user) {
      data.customer = isStaffUser(req.user) && requested !== undefined ? requested : req.user.id
    } else if (requested === undefined) {
      throw new APIError('An order needs a customer', 400)
    }
  } else if (originalDoc) {
    data.customer = relationId(originalDoc.customer)!
  }
  return data
}
