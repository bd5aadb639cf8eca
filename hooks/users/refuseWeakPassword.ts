import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import type { User } from '@/payload-types'
import { passwordProblem } from '../../src/lib/auth/passwordPolicy'

/** Applies the password policy whenever a password is set (sign-up, admin create, change). */
export const refuseWeakPassword: CollectionBeforeValidateHook<User> = ({
  data,
  originalDoc,
  req,
}) => {
  const password = (data as { password?: unknown } | undefined)?.password
  if (typeof password !== 'string') return data
  const problem = passwordProblem(password, {
    username: data?.username ?? originalDoc?.username,
    email: data?.email ?? originalDoc?.email,
  })
  if (problem) {
    throw new ValidationError(
      { collection: 'users', errors: [{ path: 'password', message: problem }] },
      req.t,
    )
  }
  return data
}
