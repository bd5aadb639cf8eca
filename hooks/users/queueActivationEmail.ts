import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { queueActivation } from '../../src/lib/auth/activation'

/**
 * Queues the activation email of an account created unverified (public sign-up), in the
 * sign-up's transaction: the jobs queue sends it (with retries), and a sign-up that rolls back
 * sends nothing.
 */
export const queueActivationEmail: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create' || req.context.sendActivationEmail !== true) return doc
  req.context.sendActivationEmail = false
  await queueActivation(req, doc.id)
  return doc
}
