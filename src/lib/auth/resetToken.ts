import type { PayloadRequest } from 'payload'

import type { User } from '@/payload-types'

/**
 * The account a password-reset token names while it is valid, found as Payload's reset finds it
 * (the token, not expired), or null.
 */
export const accountOfResetToken = async (
  req: PayloadRequest,
  token: unknown,
): Promise<User | null> => {
  if (typeof token !== 'string' || !token) return null
  return req.payload.db.findOne<User>({
    collection: 'users',
    where: {
      and: [
        { resetPasswordToken: { equals: token } },
        { resetPasswordExpiration: { greater_than: new Date().toISOString() } },
      ],
    },
    req,
  })
}
