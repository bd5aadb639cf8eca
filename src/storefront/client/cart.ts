import {
  addToLines,
  type CartAdjustment,
  type CartLine,
  parseCartLines,
  stockProblem,
} from '@/lib/cartLines'
import { rest } from './rest'

/**
 * The cart in the browser: a guest's lives in localStorage (nothing on the server); a signed-in
 * customer's is the saved cart behind `/api/carts/mine`. Every change announces the new number of
 * units with a `cart-change` event (the header's cart link listens).
 */
const GUEST_CART_KEY = 'marketplace.cart'

export const CART_CHANGE_EVENT = 'cart-change'

export type CartResult = { lines: CartLine[]; error?: string; adjusted?: CartAdjustment[] }

const units = (lines: CartLine[]): number => lines.reduce((sum, line) => sum + line.quantity, 0)

const announce = (lines: CartLine[]): void => {
  window.dispatchEvent(new CustomEvent(CART_CHANGE_EVENT, { detail: units(lines) }))
}

/** The guest cart as stored (a damaged entry reads as empty). */
export const readGuestCart = (): CartLine[] => {
  try {
    const lines = parseCartLines(JSON.parse(localStorage.getItem(GUEST_CART_KEY) ?? '[]'))
    return typeof lines === 'string' ? [] : lines
  } catch {
    return []
  }
}

const writeGuestCart = (lines: CartLine[]): void => {
  if (lines.length === 0) localStorage.removeItem(GUEST_CART_KEY)
  else localStorage.setItem(GUEST_CART_KEY, JSON.stringify(lines))
  announce(lines)
}

const saved = async (body?: unknown): Promise<CartResult> => {
  const answer = await rest<{ items: CartLine[]; adjusted: CartAdjustment[] }>('/api/carts/mine', {
    method: body ? 'PATCH' : 'GET',
    body,
  })
  if (!answer.ok) return { lines: [], error: answer.message }
  announce(answer.body.items)
  return { lines: answer.body.items, adjusted: answer.body.adjusted }
}

/** The cart's lines. */
export const loadCart = (signedIn: boolean): Promise<CartResult> =>
  signedIn ? saved() : Promise.resolve({ lines: readGuestCart() })

/**
 * Adds `quantity` of a product. A guest's cart is checked against the stock the page showed
 * (`stock`, `name`); a saved cart by the server, against the stock as it is now.
 */
export const addToCart = async (
  signedIn: boolean,
  item: { product: number; quantity: number; stock: number; name: string },
): Promise<CartResult> => {
  if (signedIn)
    return saved({ mode: 'add', items: [{ product: item.product, quantity: item.quantity }] })
  const current = readGuestCart()
  const lines = addToLines(current, item.product, item.quantity)
  const total = lines.find((line) => line.product === item.product)?.quantity ?? 0
  const problem = stockProblem(item.name, total, item.stock)
  if (problem) return { lines: current, error: problem }
  writeGuestCart(lines)
  return { lines }
}

/** Replaces the cart's lines (quantities changed, lines removed, emptied after an order). */
export const setCart = async (signedIn: boolean, lines: CartLine[]): Promise<CartResult> => {
  if (signedIn) return saved({ mode: 'set', items: lines })
  writeGuestCart(lines)
  return { lines }
}

/**
 * After signing in: merges the guest cart into the saved one (the server's rule: the larger
 * quantity of a product in both, capped by stock) and empties the guest cart. Answers what the
 * merge cut; nothing when there was no guest cart.
 */
export const mergeGuestCart = async (): Promise<CartResult> => {
  const guest = readGuestCart()
  if (guest.length === 0) return { lines: [] }
  const merged = await saved({ mode: 'merge', items: guest })
  if (!merged.error) localStorage.removeItem(GUEST_CART_KEY)
  return merged
}
