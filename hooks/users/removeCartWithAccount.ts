import type { CollectionBeforeDeleteHook } from 'payload'

/** A deleted account takes its cart with it (nothing else refers to a cart). */
export const removeCartWithAccount: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'carts', where: { customer: { equals: id } }, req })
}
