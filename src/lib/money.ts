/**
 * Money is computed in integer cents so sums and discounts never drift (0.1 + 0.2 !== 0.3).
 * Prices are stored as numbers with at most two decimals; convert at the edges only.
 */

/** A price (at most two decimals) as integer cents. */
export const toCents = (amount: number): number => Math.round(amount * 100)

/** Integer cents back to a price with two decimals. */
export const fromCents = (cents: number): number => cents / 100

/**
 * The price after a percentage discount, in integer cents, rounded half up to the cent. The one
 * place that defines the discounted price: products' `finalPrice` and orders' line prices use it.
 */
export const finalPriceCents = (price: number, discount?: number | null): number => {
  const priceCents = toCents(price)
  const percent = discount ?? 0
  if (percent <= 0) return priceCents
  // Discount percent to hundredths (e.g. 12.5%) keeps the product an integer before rounding.
  const basisPoints = Math.round(percent * 100)
  return Math.round((priceCents * (10_000 - basisPoints)) / 10_000)
}

/** The unit price a buyer pays in cents: the stored `finalPrice` when set, else derived. */
export const unitPriceCents = (product: {
  price: number
  discount?: number | null
  finalPrice?: number | null
}): number =>
  product.finalPrice === null || product.finalPrice === undefined
    ? finalPriceCents(product.price, product.discount)
    : toCents(product.finalPrice)
