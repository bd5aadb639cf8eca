import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { isAvailable } from '../../src/lib/availability'
import { discountedPrice } from '../../src/lib/money'
import { PENDING_PRODUCT_STATUS } from '../../src/lib/statuses'
import { validateDiscount, validatePrice } from '../../src/lib/validators'

/**
 * Server-derived fields, recomputed on every write: `finalPrice` = price × (1 − discount/100) in
 * integer cents (`discountedPrice`), and `available` (`isAvailable`: approved, in stock and not in
 * the trash; orders change stock in SQL with the same rule, `availableSql`). Runs last, after the
 * status hooks.
 */
export const derivePriceAndAvailability: CollectionBeforeChangeHook<Product> = ({
  data,
  originalDoc,
}) => {
  const price = data.price ?? originalDoc?.price ?? 0
  const discount = data.discount ?? originalDoc?.discount ?? 0
  const stock = data.stock ?? originalDoc?.stock ?? 0
  const status = data.status ?? originalDoc?.status ?? PENDING_PRODUCT_STATUS
  // Collection hooks run before field validation: leave a bad price for validation to refuse.
  if (validatePrice(price) === true && validateDiscount(discount) === true) {
    data.finalPrice = discountedPrice(price, discount)
  }
  // A restore sends `deletedAt: null`, which must win over the stored date.
  const trashed = 'deletedAt' in data ? Boolean(data.deletedAt) : Boolean(originalDoc?.deletedAt)
  data.available = isAvailable({ status, stock, trashed })
  return data
}
