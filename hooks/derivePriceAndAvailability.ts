import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { discountedPrice } from '../src/lib/money'
import { validateDiscount, validatePrice } from '../src/lib/validators'

/**
 * Server-derived fields, recomputed on every write: `finalPrice` = price × (1 − discount/100) in
 * integer cents, and `available` = approved, in stock and not in the trash. (Orders change stock in SQL with the
 * same `available` expression.) Runs last, after the status hooks.
 */
export const derivePriceAndAvailability: CollectionBeforeChangeHook<Product> = ({
  data,
  originalDoc,
}) => {
  const price = data.price ?? originalDoc?.price ?? 0
  const discount = data.discount ?? originalDoc?.discount ?? 0
  const stock = data.stock ?? originalDoc?.stock ?? 0
  const status = data.status ?? originalDoc?.status ?? 'pending'
  // Collection hooks run before field validation: leave a bad price for validation to refuse.
  if (validatePrice(price) === true && validateDiscount(discount) === true) {
    data.finalPrice = discountedPrice(price, discount)
  }
  // A restore sends `deletedAt: null`, which must win over the stored date.
  const trashed = 'deletedAt' in data ? Boolean(data.deletedAt) : Boolean(originalDoc?.deletedAt)
  data.available = status === 'approved' && stock > 0 && !trashed
  return data
}
