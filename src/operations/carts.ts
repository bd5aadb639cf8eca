import { sql } from '@payloadcms/db-postgres'
import { APIError, type Payload, type PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import {
  addToLines,
  type CartAdjustment,
  type CartLine,
  mergeCartLines,
  parseCartLines,
  storedCartLines,
} from '../lib/cartLines'
import { listedStock } from '../lib/productStock'
import { collectionTable } from '../lib/rowLock'
import { transactionSql } from '../lib/transactionSql'
import { withTransaction } from '../lib/withTransaction'

/** How a change applies its lines: add to the cart, replace it, or merge a guest cart into it. */
export const CART_MODES = ['add', 'set', 'merge'] as const
export type CartMode = (typeof CART_MODES)[number]

export type CartAnswer = { items: CartLine[]; adjusted: CartAdjustment[] }

const signedIn = (req: PayloadRequest): User => {
  if (!req.user) throw new APIError('Sign in to use a saved cart', 401)
  return req.user as User
}

/** The lines of `user`'s saved cart, read as that user (none when they have no cart yet). */
export const savedCartLines = async (payload: Payload, user: User, req?: PayloadRequest) => {
  const { docs } = await payload.find({
    collection: 'carts',
    where: { customer: { equals: user.id } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
    req,
  })
  return storedCartLines(docs[0])
}

/** The signed-in user's cart lines (none when they have no cart yet). */
export const readMyCart = async (req: PayloadRequest): Promise<CartAnswer> => ({
  items: await savedCartLines(req.payload, signedIn(req), req),
  adjusted: [],
})

/**
 * Changes the signed-in user's cart (`{ mode, items }`), creating it on first use:
 * - `add`: the quantities are added to the cart's (a new line, or more of one);
 * - `set`: the cart becomes `items` (an empty list empties it);
 * - `merge`: a guest cart joins the saved one (`mergeCartLines`: the larger quantity of a product
 *   in both, capped by stock; what was cut is answered in `adjusted`).
 * Growing lines are checked against stock by the collection's `refuseCartOverStock` (409 naming
 * the product). One transaction; the cart's row is locked first, so parallel changes (two tabs,
 * two devices) apply one after the other and none is lost.
 */
export const changeMyCart = async (
  req: PayloadRequest,
  body: Record<string, unknown>,
): Promise<CartAnswer> => {
  const user = signedIn(req)
  const mode = body.mode as CartMode
  if (!CART_MODES.includes(mode)) throw new APIError(`mode must be one of ${CART_MODES}`, 400)
  const items = parseCartLines(body.items)
  if (typeof items === 'string') throw new APIError(items, 400)
  return withTransaction(req, async () => {
    const run = await transactionSql(req)
    const table = collectionTable(req.payload, 'carts')
    // The cart row exists (customer is unique) and is locked before it is read.
    await run(sql`
      INSERT INTO ${table} (customer_id, updated_at, created_at) VALUES (${user.id}, now(), now())
      ON CONFLICT (customer_id) DO NOTHING`)
    const { rows } = await run<{ id: number }>(
      sql`SELECT id FROM ${table} WHERE customer_id = ${user.id} FOR UPDATE`,
    )
    const id = Number(rows[0].id)
    const options = { collection: 'carts', id, depth: 0, overrideAccess: false, user, req } as const
    const saved = storedCartLines(await req.payload.findByID(options))
    let next: CartLine[] = items
    let adjusted: CartAdjustment[] = []
    if (mode === 'add') {
      next = items.reduce((lines, line) => addToLines(lines, line.product, line.quantity), saved)
    } else if (mode === 'merge') {
      const stock = await listedStock(run, [...new Set([...saved, ...items].map((l) => l.product))])
      ;({ lines: next, adjusted } = mergeCartLines(saved, items, (p) => stock.get(p)?.stock))
    }
    const updated = await req.payload.update({ ...options, data: { items: next } })
    return { items: storedCartLines(updated), adjusted }
  })
}
