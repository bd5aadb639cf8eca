/**
 * Money arithmetic in integer cents, so no floating-point drift reaches stored prices.
 * Prices carry at most 2 decimals; discounts are percentages with at most 2 decimals.
 */

/** True when `value` has no more than two decimal places (tolerating binary representation). */
export const hasAtMostTwoDecimals = (value: number): boolean =>
  Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6

/** A decimal amount as integer cents. */
export const toCents = (amount: number): number => Math.round(amount * 100)

/**
 * price × (1 − discount/100), rounded half up to the cent, computed on integers:
 * cents × (10000 − discount basis points) / 10000.
 */
export const discountedPrice = (price: number, discount = 0): number => {
  const cents = BigInt(toCents(price))
  const basisPoints = BigInt(Math.round((discount ?? 0) * 100))
  const scaled = cents * (10_000n - basisPoints)
  const finalCents = (scaled + 5_000n) / 10_000n
  return Number(finalCents) / 100
}
