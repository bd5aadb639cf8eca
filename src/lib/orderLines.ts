import { APIError } from 'payload'

import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './orderLimits'
import { fromCents, toCents, unitPriceCents } from './money'
import { type PricedProduct, priceProducts, returnStock, takeStock } from './productStock'
import { relationId } from './relationId'
import type { TransactionSql } from './transactionSql'

/** What a client may say about a line: which product and how many. */
export type RequestedLine = { product: number; quantity: number }

/** A stored order line, priced by the server. */
export type PricedLine = {
  product: number
  quantity: number
  unitPrice: number
  discount: number
  lineTotal: number
}

/**
 * Validates requested lines and merges repeated products (quantities add up). Only `product` and
 * `quantity` are read; prices or totals sent by a client are ignored. Throws 400 on bad input.
 */
export const normalizeLines = (items: unknown): RequestedLine[] => {
  if (!Array.isArray(items) || items.length === 0) {
    throw new APIError('An order needs at least one item', 400)
  }
  if (items.length > MAX_ORDER_LINES) {
    throw new APIError(`An order has at most ${MAX_ORDER_LINES} lines`, 400)
  }
  const merged = new Map<number, number>()
  for (const item of items as Array<Record<string, unknown>>) {
    const product = relationId(item?.product)
    const quantity = item?.quantity
    if (product === undefined) throw new APIError('Every item needs a product', 400)
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw new APIError('Every item needs a whole quantity of at least 1', 400)
    }
    merged.set(product, (merged.get(product) ?? 0) + quantity)
  }
  const lines = [...merged].map(([product, quantity]) => ({ product, quantity }))
  for (const line of lines) {
    if (line.quantity > MAX_LINE_QUANTITY) {
      throw new APIError(
        `At most ${MAX_LINE_QUANTITY} units of product ${line.product} per order`,
        400,
      )
    }
  }
  return lines.sort((a, b) => a.product - b.product)
}

/** A line of `quantity` units priced from `product` as it is now (the demo seed prices its bulk
 * orders with it too). */
export const pricedLine = (product: PricedProduct, quantity: number): PricedLine => ({
  product: product.id,
  quantity,
  unitPrice: product.price,
  discount: product.discount ?? 0,
  lineTotal: fromCents(unitPriceCents(product) * quantity),
})

/**
 * Prices every line from its product as it is now, in integer cents, without taking stock: 400
 * for a product that does not exist or is not orderable. `takeLinesStock` takes the stock later
 * in the same transaction, at these prices.
 */
export const priceLines = async (
  run: TransactionSql,
  lines: RequestedLine[],
): Promise<PricedLine[]> => {
  const products = await priceProducts(
    run,
    lines.map((line) => line.product),
  )
  return lines.map((line) => pricedLine(products.get(line.product)!, line.quantity))
}

/**
 * Takes the stock of priced lines, each at the price it was priced at. Lines are handled in
 * product-id order so concurrent orders lock rows in the same order and cannot deadlock; the
 * first line short of stock (or repriced meanwhile) throws, and the caller's transaction rolls
 * every take back.
 */
export const takeLinesStock = async (run: TransactionSql, lines: PricedLine[]): Promise<void> => {
  for (const line of [...lines].sort((a, b) => a.product - b.product)) {
    await takeStock(run, line.product, line.quantity, {
      price: line.unitPrice,
      discount: line.discount,
    })
  }
}

/** Stored lines back to plain requested quantities. */
export const linesOf = (items: unknown): PricedLine[] =>
  (Array.isArray(items) ? (items as Array<Record<string, unknown>>) : []).map((item) => ({
    product: relationId(item.product)!,
    quantity: Number(item.quantity),
    unitPrice: Number(item.unitPrice),
    discount: Number(item.discount ?? 0),
    lineTotal: Number(item.lineTotal),
  }))

/** The quantity of each product over all its lines. */
const quantitiesByProduct = (lines: RequestedLine[]): Map<number, number> => {
  const quantities = new Map<number, number>()
  for (const line of lines) {
    quantities.set(line.product, (quantities.get(line.product) ?? 0) + line.quantity)
  }
  return quantities
}

/**
 * True when two sets of lines order the same quantities of the same products, however each
 * product's units are split over lines.
 */
export const sameQuantities = (a: RequestedLine[], b: RequestedLine[]): boolean => {
  const [left, right] = [quantitiesByProduct(a), quantitiesByProduct(b)]
  return left.size === right.size && [...left].every(([product, n]) => right.get(product) === n)
}

/** What one unit of a priced line costs, in cents (line totals are unit cents × quantity). */
const lineUnitCents = (line: PricedLine): number =>
  Math.round(toCents(line.lineTotal) / line.quantity)

/** A stored line with another quantity, at its own unit price. */
const withQuantity = (line: PricedLine, quantity: number): PricedLine => ({
  ...line,
  quantity,
  lineTotal: fromCents(lineUnitCents(line) * quantity),
})

/**
 * A product's stored lines (oldest first) with `units` more, bought at `product`'s current price:
 * they join the newest line when it has that price, else start a line of their own.
 */
const addUnits = (lines: PricedLine[], product: PricedProduct, units: number): PricedLine[] => {
  const added = pricedLine(product, units)
  const newest = lines.at(-1)
  const samePrice =
    newest &&
    newest.unitPrice === added.unitPrice &&
    newest.discount === added.discount &&
    lineUnitCents(newest) === lineUnitCents(added)
  if (newest && samePrice) {
    return [...lines.slice(0, -1), withQuantity(newest, newest.quantity + units)]
  }
  return [...lines, added]
}

/** A product's stored lines (oldest first) with `units` fewer, taken from the newest lines. */
const removeUnits = (lines: PricedLine[], units: number): PricedLine[] => {
  const kept: PricedLine[] = []
  let remaining = units
  for (const line of [...lines].reverse()) {
    const removed = Math.min(remaining, line.quantity)
    remaining -= removed
    if (removed < line.quantity) kept.unshift(withQuantity(line, line.quantity - removed))
  }
  return kept
}

/**
 * Changes a pending order's lines: for each product (in id order) takes or returns the difference
 * with the same guarded UPDATE as placing. Units already ordered keep the price they were ordered
 * at; added units cost the product's price now (newly added products must be orderable). When
 * that price differs from the one a product's units were ordered at, the added units get a line
 * of their own, so every line keeps `lineTotal = unit price after discount × quantity` in exact
 * cents. Fewer units are taken off the newest lines first.
 */
export const adjustLines = async (
  run: TransactionSql,
  previous: PricedLine[],
  next: RequestedLine[],
): Promise<PricedLine[]> => {
  const wanted = quantitiesByProduct(next)
  const productIds = [...new Set([...previous.map((line) => line.product), ...wanted.keys()])]
  const result: PricedLine[] = []
  for (const productId of productIds.sort((a, b) => a - b)) {
    const lines = previous.filter((line) => line.product === productId)
    const delta = (wanted.get(productId) ?? 0) - lines.reduce((sum, line) => sum + line.quantity, 0)
    if (delta > 0) {
      result.push(...addUnits(lines, await takeStock(run, productId, delta), delta))
    } else if (delta < 0) {
      await returnStock(run, productId, -delta)
      result.push(...removeUnits(lines, -delta))
    } else {
      result.push(...lines)
    }
  }
  return result
}

/** Returns every line's quantity to stock (cancelling or deleting an order that held it). */
export const releaseLines = async (run: TransactionSql, lines: RequestedLine[]): Promise<void> => {
  for (const line of [...lines].sort((a, b) => a.product - b.product)) {
    await returnStock(run, line.product, line.quantity)
  }
}
