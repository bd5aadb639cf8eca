import type { CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { parseShippingAddress, sealAddress } from '../../src/lib/shippingAddress'

/**
 * The shipping address is stored only encrypted (AES-256-GCM, see src/lib/fieldEncryption.ts):
 * the `shippingAddress` group is virtual, and what reaches the database is the sealed
 * `shippingAddressEncrypted`. Required on create; kept as is when an update does not send it.
 */
export const encryptShippingAddress: CollectionBeforeChangeHook<Order> = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation === 'create' || data.shippingAddress !== undefined) {
    data.shippingAddressEncrypted = sealAddress(parseShippingAddress(data.shippingAddress))
  } else {
    data.shippingAddressEncrypted = originalDoc?.shippingAddressEncrypted
  }
  return data
}
