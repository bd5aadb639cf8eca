import { formatCents, fromCents, storeCurrency, toCents, unitPriceCents } from '../lib/money'

/** The store's currency (STORE_CURRENCY), the one orders are priced in. */
export { storeCurrency }

export type PriceParts = {
  /** What the buyer pays, formatted. */
  final: string
  /** The price before the discount, formatted, when there is a discount. */
  original?: string
  /** The discount in percent, when there is one. */
  discount?: number
  /** What the buyer pays as a decimal string (`1299.00`), for structured data. */
  amount: string
}

/** A product's price for display: the unit price orders charge (money.ts), and the discount. */
export const priceParts = (product: {
  price: number
  discount?: number | null
  finalPrice?: number | null
}): PriceParts => {
  const cents = unitPriceCents(product)
  const originalCents = toCents(product.price)
  const discounted = (product.discount ?? 0) > 0 && cents < originalCents
  return {
    final: formatCents(cents),
    original: discounted ? formatCents(originalCents) : undefined,
    discount: discounted ? (product.discount ?? undefined) : undefined,
    amount: fromCents(cents).toFixed(2),
  }
}
