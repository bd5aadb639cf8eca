import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { linesOf, normalizeLines, sameQuantities } from '../src/lib/orderLines'
import { canTransition, type OrderStatus } from '../src/lib/orderWorkflow'
import { isStaffUser } from '../src/lib/roles'
import { parseShippingAddress, sameAddress } from '../src/lib/shippingAddress'

/**
 * The order workflow. New orders are always `pending` (a client's status is ignored). Status moves
 * pending → paid → shipped → delivered, and pending/paid → cancelled; anything else is 409.
 * Admin/staff move orders along; a customer may only cancel their own order while it is pending.
 * Lines change only while pending (for everyone); a customer's address and notes too.
 */
export const enforceOrderWorkflow: CollectionBeforeChangeHook<Order> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create' || !originalDoc) {
    data.status = 'pending'
    return data
  }
  const from = originalDoc.status as OrderStatus
  const to = (data.status ?? from) as OrderStatus
  // A request without a user is the system itself (overrideAccess); it acts like staff.
  const customer = Boolean(req.user) && !isStaffUser(req.user)

  if (to !== from) {
    if (!canTransition(from, to)) {
      throw new APIError(`An order cannot go from ${from} to ${to}`, 409)
    }
    if (customer && to !== 'cancelled') {
      throw new APIError('Only staff can move an order forward', 403)
    }
    if (customer && from !== 'pending') {
      throw new APIError('Only a pending order can be cancelled by its customer', 409)
    }
  }

  const itemsChanged =
    data.items !== undefined &&
    !sameQuantities(normalizeLines(data.items), linesOf(originalDoc.items))
  if (itemsChanged && (from !== 'pending' || to !== 'pending')) {
    throw new APIError('The items of an order can only change while it is pending', 409)
  }

  if (customer && from !== 'pending') {
    const addressChanged =
      data.shippingAddress !== undefined &&
      !sameAddress(
        parseShippingAddress(data.shippingAddress),
        originalDoc.shippingAddress ? parseShippingAddress(originalDoc.shippingAddress) : null,
      )
    const notesChanged =
      data.notes !== undefined && (data.notes ?? '') !== (originalDoc.notes ?? '')
    if (addressChanged || notesChanged) {
      throw new APIError('An order can only be changed while it is pending', 409)
    }
  }
  return data
}
