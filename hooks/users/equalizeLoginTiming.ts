import type { CollectionBeforeOperationHook } from 'payload'

import type { User } from '@/payload-types'
import { spendPasswordCheck } from '../../src/lib/auth/passwordHash'

/**
 * Payload answers a sign-in for an unknown account at once but hashes the password of a real
 * one (~300 ms): the difference tells which accounts exist. For an unknown login (username or
 * email, as Payload looks it up) spend the same hashing before Payload refuses it.
 */
export const equalizeLoginTiming: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'login') return args
  const data = (args as { data?: { email?: unknown; username?: unknown; password?: unknown } }).data
  const login = [data?.username, data?.email].find((value) => typeof value === 'string')
  if (typeof login !== 'string' || typeof data?.password !== 'string') return args
  const value = login.toLowerCase().trim()
  const user = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { or: [{ username: { equals: value } }, { email: { equals: value } }] },
    select: { id: true },
    req,
  })
  if (!user) await spendPasswordCheck(data.password)
  return args
}
