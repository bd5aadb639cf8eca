/**
 * Money, the one module: amounts are computed in integer cents so sums and discounts never drift
 * (0.1 + 0.2 !== 0.3). Prices are stored as numbers with at most two decimals and discounts as
 * percentages with at most two decimals; convert at the edges only.
 */

/** The currency every order is priced in, and the storefront shows prices in (STORE_CURRENCY). */
export const storeCurrency = (): string => process.env.STORE_CURRENCY ?? 'EUR'

/**
 * The highest price: totals of the largest order (`MAX_ORDER_LINES` × `MAX_LINE_QUANTITY` units)
 * and discounted prices (`finalPriceCents`) stay exact integers in cents.
 */
export const MAX_PRICE = 1_000_000_000

/**
 * True when `value` has no more than two decimal places, tolerating binary representation: 0.1 +
 * 0.2 is 30.000000000000004 cents, and a two-decimal price above a few million is off by more
 * than 1e-6 cents (558690726.57 × 100 is 55869072657.0000076), so the tolerance grows with the
 * amount: 8 units in the last place, 0.0002 cents at `MAX_PRICE`, far from any third decimal.
 */
export const hasAtMostTwoDecimals = (value: number): boolean => {
  if (!Number.isFinite(value)) return false
  const cents = value * 100
  const tolerance = Math.max(1e-6, Math.abs(cents) * 8 * Number.EPSILON)
  return Math.abs(cents - Math.round(cents)) < tolerance
}

/** An amount with at most two decimals as integer cents. */
export const toCents = (amount: number): number => Math.round(amount * 100)

/** Integer cents back to an amount with two decimals. */
export const fromCents = (cents: number): number => cents / 100

/**
 * The price after a percentage discount, in integer cents: price × (1 − discount/100), rounded
 * half up to the cent. The one place that defines the discounted price: products' `finalPrice`
 * and orders' line prices use it. Computed on integers, cents × (10000 − discount in basis
 * points) / 10000: exact for every price up to `MAX_PRICE` (10^11 cents × 10^4 = 10^15, below
 * 2^53), and the division rounds exactly too (a quotient below 10^11 is off by under 10^-5, while
 * x.4999 and x.5 are 10^-4 apart). `tests/unit/money.test.ts` checks it against BigInt.
 */
export const finalPriceCents = (price: number, discount?: number | null): number => {
  const priceCents = toCents(price)
  const percent = discount ?? 0
  if (percent <= 0) return priceCents
  // Discount percent to hundredths (e.g. 12.5%) keeps the product an integer before rounding.
  const basisPoints = Math.round(percent * 100)
  return Math.round((priceCents * (10_000 - basisPoints)) / 10_000)
}

/** The discounted price as an amount (products' `finalPrice`); see `finalPriceCents`. */
export const discountedPrice = (price: number, discount?: number | null): number =>
  fromCents(finalPriceCents(price, discount))

/** The unit price a buyer pays in cents: the stored `finalPrice` when set, else derived. */
export const unitPriceCents = (product: {
  price: number
  discount?: number | null
  finalPrice?: number | null
}): number =>
  product.finalPrice === null || product.finalPrice === undefined
    ? finalPriceCents(product.price, product.discount)
    : toCents(product.finalPrice)

/** An order's total: its lines' totals summed in cents. */
export const orderTotal = (lines: ReadonlyArray<{ lineTotal: number }>): number =>
  fromCents(lines.reduce((sum, line) => sum + toCents(line.lineTotal), 0))

const formatters = new Map<string, Intl.NumberFormat>()

/**
 * Integer cents as money (`€1,299.00`), in `currency` or the store's. The one formatter: the
 * storefront, the admin panel and exports show money through it. Pass the currency explicitly
 * where the code runs in a browser (STORE_CURRENCY is a server setting).
 */
export const formatCents = (cents: number, currency: string = storeCurrency()): string => {
  let formatter = formatters.get(currency)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en', { style: 'currency', currency })
    formatters.set(currency, formatter)
  }
  return formatter.format(fromCents(cents))
}

/** An amount with two decimals (a stored price or total) as money; see `formatCents`. */
export const formatMoney = (amount: number, currency?: string): string =>
  formatCents(toCents(amount), currency)
