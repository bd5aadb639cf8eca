import type { CollectionBeforeOperationHook } from 'payload'

import { isAdminUser } from '../../src/lib/roles'

/**
 * Accounts start unverified and get an activation link, unless a trusted caller creates them: an
 * admin session, or server code (`overrideAccess`, which includes first-register and the seed).
 * Only those callers may change `_verified` afterwards. Payload's own verification email is off:
 * `queueActivationEmail` queues an expiring, single-use link instead.
 */
export const controlAccountActivation: CollectionBeforeOperationHook<'users'> = ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  const trusted = overrideAccess === true || isAdminUser(req.user)
  if (operation === 'create') {
    const createArgs = args as typeof args & {
      data: Record<string, unknown>
      disableVerificationEmail?: boolean
    }
    createArgs.disableVerificationEmail = true
    createArgs.data = {
      ...createArgs.data,
      _verified: trusted ? createArgs.data._verified !== false : false,
    }
    req.context.sendActivationEmail = !trusted
    return createArgs
  }
  if (operation === 'update' && !trusted) {
    const data = (args as { data?: Record<string, unknown> }).data
    if (data) delete data._verified
  }
  return args
}
