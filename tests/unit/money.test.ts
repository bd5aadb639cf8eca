/**
 * Money has one module (`src/lib/money.ts`). Before it, `src/lib/pricing.ts` computed products'
 * `finalPrice` with BigInt while `money.ts` priced order lines with floats: this checks that the
 * one definition left gives the BigInt result for every price and discount validation accepts.
 */
import {
  discountedPrice,
  finalPriceCents,
  fromCents,
  hasAtMostTwoDecimals,
  MAX_PRICE,
  orderTotal,
  toCents,
  unitPriceCents,
} from '../../src/lib/money'
import { validateDiscount, validatePrice } from '../../src/lib/validators'

/** The former `pricing.ts` `discountedPrice`, in cents: exact integer arithmetic on BigInt. */
const bigIntFinalPriceCents = (price: number, discount = 0): number => {
  const cents = BigInt(Math.round(price * 100))
  const basisPoints = BigInt(Math.round(discount * 100))
  return Number((cents * (10_000n - basisPoints) + 5_000n) / 10_000n)
}

/** Every accepted discount: 0 to 90 percent in steps of 0.01. */
const ALL_DISCOUNTS = Array.from({ length: 9_001 }, (_, i) => fromCents(i))

/** A deterministic spread of accepted prices, from a cent to `MAX_PRICE`. */
const samplePrices = (): number[] => {
  const prices = [0, 0.01, 0.05, 0.1, 0.15, 1.15, 9.99, 19.99, 29.95, 999_999.99]
  prices.push(MAX_PRICE, MAX_PRICE - 0.01, MAX_PRICE - 0.05, 999_999_999.99, 123_456_789.01)
  for (let cents = 1; cents <= 100; cents += 1) prices.push(fromCents(cents))
  // A linear congruential generator: the same "random" prices on every run.
  let seed = 20_261_204
  for (let i = 0; i < 60; i += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    prices.push(fromCents(Math.floor((seed / 2 ** 31) * toCents(MAX_PRICE))))
  }
  return prices
}

describe('money', () => {
  it('prices every accepted price and discount as the BigInt computation did', () => {
    let mismatches = 0
    let checked = 0
    for (const price of samplePrices()) {
      expect(validatePrice(price)).toBe(true)
      for (const discount of ALL_DISCOUNTS) {
        checked += 1
        if (finalPriceCents(price, discount) !== bigIntFinalPriceCents(price, discount)) {
          mismatches += 1
        }
      }
    }
    expect(checked).toBeGreaterThan(1_500_000)
    expect(mismatches).toBe(0)
    expect(ALL_DISCOUNTS.every((discount) => validateDiscount(discount) === true)).toBe(true)
  })

  it('rounds exact half cents up and the cents either side of them correctly, up to MAX_PRICE', () => {
    // cents × (10000 − bp) ending in exactly 5000, 4999 or 5001 ten-thousandths, for the largest
    // prices (where a float quotient is coarsest).
    for (let cents = toCents(MAX_PRICE); cents > toCents(MAX_PRICE) - 2_000; cents -= 1) {
      for (const discount of [0.01, 0.05, 12.5, 33, 33.33, 50, 89.99, 90]) {
        const price = fromCents(cents)
        expect(finalPriceCents(price, discount)).toBe(bigIntFinalPriceCents(price, discount))
      }
    }
    expect(finalPriceCents(1.15, 50)).toBe(58) // 57.5 → 58, where 1.15 * 0.5 = 0.575 in floats
    expect(finalPriceCents(0.01, 50)).toBe(1) // 0.5 → 1
    expect(finalPriceCents(0.01, 50.01)).toBe(0) // 0.4999 → 0
    expect(finalPriceCents(MAX_PRICE, 90)).toBe(toCents(MAX_PRICE / 10))
    expect(finalPriceCents(999_999_999.99, 0.01)).toBe(99_989_999_999) // 99 989 999 999.0001
    expect(finalPriceCents(999_999_999.99, 50)).toBe(50_000_000_000) // 49 999 999 999.5 → up
  })

  it('gives products the same finalPrice as before (the former pricing.ts examples)', () => {
    expect(discountedPrice(19.99, 15)).toBe(16.99)
    expect(discountedPrice(0.1, 0)).toBe(0.1)
    expect(discountedPrice(29.95, 33)).toBe(20.07)
    expect(discountedPrice(999_999.99, 90)).toBe(100_000)
    expect(discountedPrice(10, 12.5)).toBe(8.75)
    expect(discountedPrice(10)).toBe(10)
    expect(discountedPrice(10, null)).toBe(10)
  })

  it('leaves the price alone without a positive discount', () => {
    expect(finalPriceCents(19.99, null)).toBe(1999)
    expect(finalPriceCents(19.99, undefined)).toBe(1999)
    expect(finalPriceCents(19.99, 0)).toBe(1999)
  })

  it('charges the stored finalPrice when set, else the derived one', () => {
    expect(unitPriceCents({ price: 20, discount: 10, finalPrice: 18 })).toBe(1800)
    expect(unitPriceCents({ price: 20, discount: 10, finalPrice: 17.5 })).toBe(1750)
    expect(unitPriceCents({ price: 20, discount: 10, finalPrice: null })).toBe(1800)
    expect(unitPriceCents({ price: 20, discount: 10 })).toBe(1800)
  })

  it('sums order totals in cents', () => {
    expect(orderTotal([{ lineTotal: 0.1 }, { lineTotal: 0.2 }])).toBe(0.3)
    expect(orderTotal([{ lineTotal: 50.97 }, { lineTotal: 0.3 }])).toBe(51.27)
    expect(orderTotal([])).toBe(0)
    // The largest order: 100 lines of 100 units at MAX_PRICE stays exact.
    const line = { lineTotal: fromCents(toCents(MAX_PRICE) * 100) }
    expect(orderTotal(Array.from({ length: 100 }, () => line))).toBe(MAX_PRICE * 10_000)
  })

  it('accepts every two-decimal price up to MAX_PRICE, and no three-decimal one', () => {
    // The former check (a fixed 1e-6 cent tolerance) refused about 8 % of the prices above 5e8.
    expect(validatePrice(558_690_726.57)).toBe(true)
    let refused = 0
    let accepted = 0
    for (let cents = toCents(MAX_PRICE); cents > toCents(MAX_PRICE) - 200_000; cents -= 1) {
      if (validatePrice(fromCents(cents)) !== true) refused += 1
      // Three decimals: a tenth of a cent more.
      if (hasAtMostTwoDecimals((cents * 10 - 1) / 1_000)) accepted += 1
    }
    expect(refused).toBe(0)
    expect(accepted).toBe(0)
    expect(validatePrice(999_999_999.991)).toBe('The price has at most 2 decimal places.')
  })

  it('accepts amounts with at most two decimals', () => {
    expect(hasAtMostTwoDecimals(19.99)).toBe(true)
    expect(hasAtMostTwoDecimals(0.1 + 0.2)).toBe(true)
    expect(hasAtMostTwoDecimals(MAX_PRICE - 0.01)).toBe(true)
    expect(hasAtMostTwoDecimals(1.005)).toBe(false)
    expect(hasAtMostTwoDecimals(Number.NaN)).toBe(false)
    expect(hasAtMostTwoDecimals(Number.POSITIVE_INFINITY)).toBe(false)
  })
})
