import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { discountedPrice } from '../src/lib/pricing'
import { validateDiscount, validatePrice } from '../src/lib/validators'

/**
 * Server-derived fields, recomputed on every write: `finalPrice` = price × (1 − discount/100) in
 * integer cents, and `available` = approved and in stock. (Orders change stock in SQL with the
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
  data.available = status === 'approved' && stock > 0
  return data
}
