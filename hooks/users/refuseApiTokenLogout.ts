import { APIError, type CollectionAfterLogoutHook } from 'payload'

import { viaApiToken } from '../../src/lib/roles'

/**
 * Payload's logout runs this before it ends sessions: a request made with an API token cannot
 * sign its owner out (of one session or everywhere). Signing out needs the session itself.
 */
export const refuseApiTokenLogout: CollectionAfterLogoutHook = ({ req }) => {
  if (viaApiToken(req.user)) {
    throw new APIError('API tokens cannot sign out sessions; sign out with the session.', 403)
  }
}
