import type { Cart } from '@/payload-types'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './orderLimits'
import { relationId } from './relationId'
import { isSerialId } from './serialId'

/**
 * Cart lines, the rules the server's carts and the browser's guest cart share (no Payload import:
 * the storefront's client code uses them too).
 */
export type CartLine = { product: number; quantity: number }

/** A line the merge or a stock check kept smaller than asked (0: dropped). */
export type CartAdjustment = { product: number; wanted: number; kept: number }

/** The stock of a listed product, or undefined when it is not listed (pending, trashed, gone). */
export type StockOf = (product: number) => number | undefined

const isWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value)

/**
 * Lines from untrusted input (`[{ product, quantity }]`), repeated products added up, in product
 * order; a string saying what is wrong otherwise. Quantities are 1–MAX_LINE_QUANTITY, at most
 * MAX_ORDER_LINES lines (what an order accepts).
 */
export const parseCartLines = (value: unknown): CartLine[] | string => {
  if (!Array.isArray(value)) return 'items must be an array of { product, quantity }'
  const merged = new Map<number, number>()
  for (const item of value as Array<Record<string, unknown> | null>) {
    const product = item?.product
    const quantity = item?.quantity
    if (!isWholeNumber(product) || product < 1 || !isSerialId(product)) {
      return 'Every item needs a product id'
    }
    if (!isWholeNumber(quantity) || quantity < 1) {
      return 'Every item needs a whole quantity of at least 1'
    }
    merged.set(product, (merged.get(product) ?? 0) + quantity)
  }
  if (merged.size > MAX_ORDER_LINES) return `A cart has at most ${MAX_ORDER_LINES} lines`
  const lines = [...merged].map(([product, quantity]) => ({ product, quantity }))
  const tooMany = lines.find((line) => line.quantity > MAX_LINE_QUANTITY)
  if (tooMany) return `At most ${MAX_LINE_QUANTITY} units of product ${tooMany.product}`
  return lines.sort((a, b) => a.product - b.product)
}

/** `lines` with `quantity` more of `product` (a new line when it has none). */
export const addToLines = (lines: CartLine[], product: number, quantity: number): CartLine[] => {
  const existing = lines.find((line) => line.product === product)
  if (!existing) return [...lines, { product, quantity }].sort((a, b) => a.product - b.product)
  return lines.map((line) =>
    line.product === product ? { product, quantity: line.quantity + quantity } : line,
  )
}

/**
 * The signed-in customer's cart after signing in with a guest cart. The rule for a product in
 * both: the larger of the two quantities (not their sum: a guest cart is often the same shopping
 * started on another device, and adding would double it). Every line is then capped by the stock
 * (and MAX_LINE_QUANTITY); products no longer listed or out of stock are dropped. Lines beyond
 * MAX_ORDER_LINES are dropped, the saved cart's first. Returns the lines and what was cut.
 */
export const mergeCartLines = (
  saved: CartLine[],
  guest: CartLine[],
  stockOf: StockOf,
): { lines: CartLine[]; adjusted: CartAdjustment[] } => {
  const wanted = new Map<number, number>()
  for (const line of [...saved, ...guest]) {
    wanted.set(line.product, Math.max(wanted.get(line.product) ?? 0, line.quantity))
  }
  const lines: CartLine[] = []
  const adjusted: CartAdjustment[] = []
  for (const [product, quantity] of wanted) {
    const room = lines.length < MAX_ORDER_LINES ? 1 : 0
    const kept = Math.min(quantity, stockOf(product) ?? 0, MAX_LINE_QUANTITY) * room
    if (kept > 0) lines.push({ product, quantity: kept })
    if (kept < quantity) adjusted.push({ product, wanted: quantity, kept })
  }
  return { lines: lines.sort((a, b) => a.product - b.product), adjusted }
}

/**
 * Why `quantity` of a product cannot be in a cart, or undefined when it can: it must be listed and
 * have that much stock. `name` names it for the customer.
 */
export const stockProblem = (
  name: string,
  quantity: number,
  stock: number | undefined,
): string | undefined => {
  if (stock === undefined) return `"${name}" is no longer available`
  if (stock <= 0) return `"${name}" is out of stock`
  if (quantity > stock) return `Only ${stock} of "${name}" left in stock; you asked for ${quantity}`
  return undefined
}

/** A stored cart's lines (products as ids; lines of products deleted for good left out). */
export const storedCartLines = (cart: Partial<Cart> | undefined): CartLine[] =>
  (cart?.items ?? []).flatMap((item) => {
    const product = relationId(item.product)
    return product === undefined ? [] : [{ product, quantity: item.quantity }]
  })
