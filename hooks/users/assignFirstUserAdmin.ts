import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import { transactionSql } from '../../src/lib/transactionSql'

/** Advisory lock key that serialises "is this the first user?" between concurrent sign-ups. */
const FIRST_USER_LOCK = 0x46_55_53_52

const noUsersYet = async (req: PayloadRequest) =>
  (
    await req.payload.find({
      collection: 'users',
      depth: 0,
      limit: 1,
      pagination: false,
      select: {},
      req,
    })
  ).docs.length === 0

/**
 * The first user of an empty database administers it, active at once, however it was created.
 * Two sign-ups on an empty database must not both become admin: while the table looks empty,
 * the check is repeated under a lock held until this create commits.
 */
export const assignFirstUserAdmin: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || !(await noUsersYet(req))) return data
  const run = await transactionSql(req)
  await run(sql`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK}::bigint)`)
  if (await noUsersYet(req)) {
    // The first account administers the store, so it is active at once: no activation email.
    data.roles = ['admin']
    data._verified = true
    req.context.sendActivationEmail = false
  }
  return data
}
