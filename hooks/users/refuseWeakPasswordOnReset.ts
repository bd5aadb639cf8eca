import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { passwordProblem } from '../../src/lib/auth/passwordPolicy'
import { accountNamedByResetToken } from '../../src/lib/auth/resetToken'

/**
 * Payload's reset-password operation runs no validation on the new password: apply the policy
 * here, against the account the reset token belongs to.
 */
export const refuseWeakPasswordOnReset: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'resetPassword') return args
  const { password, token } = (args as { data: { password?: unknown; token?: unknown } }).data
  if (typeof password !== 'string') return args
  const user = await accountNamedByResetToken(req, token)
  const problem = passwordProblem(password, { username: user?.username, email: user?.email })
  if (problem) {
    throw new ValidationError(
      { collection: 'users', errors: [{ path: 'password', message: problem }] },
      req.t,
    )
  }
  return args
}
