import { APIError, type CollectionBeforeOperationHook } from 'payload'

import type { User } from '@/payload-types'
import { passwordMatches } from '../../src/lib/auth/passwordHash'
import { isAdminUser, viaApiToken } from '../../src/lib/roles'

const changesCredentials = (data: Record<string, unknown>, current: User | null): boolean =>
  data.password !== undefined ||
  (data.email !== undefined &&
    (typeof data.email !== 'string' || data.email.trim().toLowerCase() !== current?.email))

/**
 * Passwords and email addresses are credentials: an API token never changes them (it would let
 * a leaked token take the account over), a user changing their own confirms with
 * `currentPassword`, and a bulk update never changes them. Admins set other users' credentials
 * without it; server code without a user is trusted.
 */
export const refuseUnconfirmedCredentialChanges: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  // Payload names both update-by-id and bulk update 'update'; only the former has an `id`.
  if (operation !== 'update' && operation !== 'updateByID') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data) return args
  const { currentPassword, ...rest } = data
  ;(args as { data: Record<string, unknown> }).data = rest
  const caller = req.user as (User & { _strategy?: string }) | null
  if (!caller || (rest.password === undefined && rest.email === undefined)) return args
  if (viaApiToken(caller)) {
    throw new APIError('API tokens cannot change a password or an email address.', 403)
  }
  const id = (args as { id?: number | string }).id
  if (id === undefined) {
    if (isAdminUser(caller)) return args
    throw new APIError('Change a password or an email address on one account at a time.', 403)
  }
  if (String(id) !== String(caller.id)) return args
  const stored = await req.payload.db.findOne<User & { hash?: string; salt?: string }>({
    collection: 'users',
    where: { id: { equals: caller.id } },
    req,
  })
  if (!changesCredentials(rest, stored)) return args
  if (typeof currentPassword !== 'string' || !currentPassword) {
    throw new APIError('Enter your current password to change your password or email.', 403)
  }
  if (!stored || !(await passwordMatches(stored, currentPassword))) {
    throw new APIError('The current password is incorrect.', 403)
  }
  return args
}
