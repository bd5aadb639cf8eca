import type { Access } from 'payload'

/** A user sees and revokes only their own API tokens. */
export const isOwnApiToken: Access = ({ req: { user } }) =>
  user ? { user: { equals: user.id } } : false
