import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'

/** A password or email change voids a pending reset link: it was sent for the old credentials. */
export const expireResetLinkOnCredentialChange: CollectionBeforeChangeHook<User> = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation !== 'update') return data
  const emailChanged = typeof data.email === 'string' && data.email !== originalDoc?.email
  if ((data as { password?: unknown }).password === undefined && !emailChanged) return data
  return { ...data, resetPasswordToken: null, resetPasswordExpiration: null }
}
