import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import type { User } from '@/payload-types'

/**
 * Names the right field for a duplicate email: with username login enabled, Payload reports every
 * duplicate as "username". Only the field is named; nothing about the other account leaks. Public
 * sign-ups never get here with a taken email (see `rehearseTakenEmailSignUp`): admins, server code
 * and email changes do.
 */
export const refuseDuplicateEmail: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const email = typeof data.email === 'string' ? data.email.trim().toLowerCase() : null
  if (!email || (operation === 'update' && email === originalDoc?.email)) return data
  const existing = await req.payload.db.findOne<User>({
    collection: 'users',
    where: {
      and: [
        { email: { equals: email } },
        ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    req,
  })
  if (existing) {
    throw new ValidationError(
      {
        collection: 'users',
        errors: [{ path: 'email', message: 'A user with this email is already registered.' }],
      },
      req.t,
    )
  }
  return data
}
