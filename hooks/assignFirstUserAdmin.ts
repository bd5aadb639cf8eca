import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'

/** The first user of an empty database administers it, active at once, however it was created. */
export const assignFirstUserAdmin: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const existing = await req.payload.find({
    collection: 'users',
    depth: 0,
    limit: 1,
    pagination: false,
    select: {},
    req,
  })
  if (existing.docs.length === 0) {
    // The first account administers the store, so it is active at once: no activation email.
    data.roles = ['admin']
    data._verified = true
    req.context.sendActivationEmail = false
  }
  return data
}
