import type { PayloadRequest } from 'payload'

import type { User } from '@/payload-types'

type ResetLookup = { token: string; account: Promise<User | null> }

/**
 * The account a password-reset token names, expired or not, or null. Looked up once per request:
 * the reset's hooks (password policy, token revocation, email change) all ask for it.
 */
export const accountNamedByResetToken = (
  req: PayloadRequest,
  token: unknown,
): Promise<User | null> => {
  if (typeof token !== 'string' || !token) return Promise.resolve(null)
  const context = req.context as { resetLookup?: ResetLookup }
  if (context.resetLookup?.token !== token) {
    context.resetLookup = {
      token,
      account: req.payload.db.findOne<User>({
        collection: 'users',
        where: { resetPasswordToken: { equals: token } },
        req,
      }),
    }
  }
  return context.resetLookup.account
}

/**
 * The account a password-reset token names while it is valid, as Payload's reset finds it (the
 * token, not expired), or null.
 */
export const accountOfResetToken = async (
  req: PayloadRequest,
  token: unknown,
): Promise<User | null> => {
  const account = await accountNamedByResetToken(req, token)
  const expires = account?.resetPasswordExpiration
  return account && expires && new Date(expires).getTime() > Date.now() ? account : null
}
