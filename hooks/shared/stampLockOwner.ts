import type { CollectionBeforeChangeHook } from 'payload'

/**
 * A document lock always names the user who writes it: a `user` sent in the body (someone
 * else's id, to lock a document in their name) is replaced with the requester. Locks written
 * without a user (trusted server code) keep what they were given.
 */
export const stampLockOwner: CollectionBeforeChangeHook = ({ data, req: { user } }) => {
  if (!user) return data
  return { ...data, user: { relationTo: user.collection, value: user.id } }
}
