import { ownerBy } from './factories'

/** The signed-in user's own account (a `Where` on `id`). */
export const isSelf = ownerBy('id')
