import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { issueActivation } from '../../src/lib/auth/activation'

/**
 * Emails an activation link to accounts created unverified (public sign-up). A failing mail
 * server does not undo the sign-up: the link can be re-sent.
 */
export const sendActivationEmail: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create' || req.context.sendActivationEmail !== true) return doc
  req.context.sendActivationEmail = false
  try {
    await issueActivation(req, doc)
  } catch (error) {
    req.payload.logger.error({ err: error, user: doc.id }, 'could not send the activation email')
  }
  return doc
}
