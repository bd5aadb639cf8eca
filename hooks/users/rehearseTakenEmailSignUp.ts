import { randomBytes } from 'node:crypto'
import type { CollectionBeforeOperationHook } from 'payload'

import type { User } from '@/payload-types'
import { isAdminUser } from '../../src/lib/roles'

/**
 * Sign-up must not tell whether an email is registered. A public sign-up with a taken email runs
 * as a rehearsal: the same create (validation, password policy, username check, hashing) with a
 * throw-away address, so it answers exactly like a fresh sign-up; `discardTakenEmailSignUp` then
 * rolls it back and tells the address's owner. Admins and server code get the plain 400.
 */
export const rehearseTakenEmailSignUp: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  if (operation !== 'create' || overrideAccess === true || isAdminUser(req.user)) return args
  const data = (args as { data?: Record<string, unknown> }).data
  const email = typeof data?.email === 'string' ? data.email.trim().toLowerCase() : null
  if (!data || !email) return args
  // A password equal to the email is refused by the policy, whoever owns the address.
  if (typeof data.password === 'string' && data.password.trim().toLowerCase() === email) return args
  const owner = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { email: { equals: email } },
    select: { id: true },
    req,
  })
  if (!owner) return args
  req.context.takenEmailSignUp = email
  req.context.sendActivationEmail = false
  data.email = `signup-${randomBytes(12).toString('hex')}@rehearsal.invalid`
  return args
}
