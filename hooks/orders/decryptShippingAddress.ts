import type { FieldHook } from 'payload'

import type { Order } from '@/payload-types'
import { openAddress } from '../../src/lib/shippingAddress'

/**
 * Field hook on `shippingAddressEncrypted`: fills the virtual `shippingAddress` for whoever may
 * read the order. Runs before the encrypted field's own read access removes it from responses.
 */
export const decryptShippingAddress: FieldHook<Order, string | null | undefined> = ({
  value,
  siblingData,
  req,
}) => {
  if (typeof value !== 'string' || !value) return value
  try {
    siblingData.shippingAddress = openAddress(value)
  } catch (error) {
    req.payload.logger.error({ err: error, msg: 'Cannot decrypt a shipping address' })
    siblingData.shippingAddress = null
  }
  return value
}
