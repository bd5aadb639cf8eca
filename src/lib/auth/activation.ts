import { APIError, type PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import { activationEmail } from '../email/templates'
import { hashSecret, randomSecret } from './secrets'
import { authSettings } from './settings'

export const RESEND_RESPONSE =
  'If an account with that email is waiting for activation, a new activation link has been sent.'

/**
 * Issues a fresh activation link for `user` (replacing any earlier one, which stops working) and
 * emails it. Runs inside the caller's transaction when `req` carries one.
 */
export const issueActivation = async (
  req: PayloadRequest,
  { id }: Pick<User, 'id'>,
): Promise<void> => {
  // Read the address as stored: the caller's copy passed through read access (anonymous sign-ups
  // may not read their own email).
  const user = await req.payload.findByID({
    collection: 'users',
    id,
    depth: 0,
    select: { email: true, username: true },
    overrideAccess: true,
    req,
  })
  const { activationTtl } = authSettings()
  const token = randomSecret(32)
  await req.payload.delete({
    collection: 'activation-tokens',
    where: { user: { equals: user.id } },
    overrideAccess: true,
    req,
  })
  await req.payload.create({
    collection: 'activation-tokens',
    data: {
      user: user.id,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + activationTtl * 1000).toISOString(),
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  const message = activationEmail(user.username, token, activationTtl)
  await req.payload.sendEmail({ to: user.email, ...message })
}

/**
 * Activates the account that `token` was issued for. Links are single-use (the token is deleted)
 * and expire. Errors: 400 for an unknown, malformed or used link, 410 for an expired one.
 */
export const activateAccount = async (req: PayloadRequest, token: unknown): Promise<void> => {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) {
    throw new APIError('This activation link is invalid or has already been used.', 400)
  }
  const { docs } = await req.payload.find({
    collection: 'activation-tokens',
    where: { tokenHash: { equals: hashSecret(token) } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const record = docs[0]
  if (!record) {
    throw new APIError('This activation link is invalid or has already been used.', 400)
  }
  const userId = typeof record.user === 'object' ? record.user.id : record.user
  if (new Date(record.expiresAt).getTime() <= Date.now()) {
    throw new APIError(
      'This activation link has expired. Ask for a new one with POST /api/users/resend-activation.',
      410,
    )
  }
  // Deleting first makes the link single-use even under concurrent clicks: only one delete
  // returns the row.
  const { docs: deleted } = await req.payload.delete({
    collection: 'activation-tokens',
    where: { id: { equals: record.id } },
    overrideAccess: true,
    req,
  })
  if (deleted.length === 0) {
    throw new APIError('This activation link is invalid or has already been used.', 400)
  }
  await req.payload.db.updateOne({
    id: userId,
    collection: 'users',
    data: { _verified: true, _verificationToken: null },
    req,
    returning: false,
  })
}

/**
 * Sends a new activation link to `email` when it belongs to an account awaiting activation and
 * the last link is older than the resend cooldown. Always answers the same (no account leaks).
 */
export const resendActivation = async (req: PayloadRequest, email: unknown): Promise<void> => {
  if (typeof email !== 'string' || !email.includes('@')) {
    throw new APIError('email is required.', 400)
  }
  const user = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { email: { equals: email.trim().toLowerCase() } },
    req,
  })
  if (!user || user._verified !== false) return
  const { docs } = await req.payload.find({
    collection: 'activation-tokens',
    where: { user: { equals: user.id } },
    sort: '-createdAt',
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const last = docs[0]
  const cooldownMs = authSettings().activationResendCooldown * 1000
  if (last && Date.now() - new Date(last.createdAt).getTime() < cooldownMs) return
  await issueActivation(req, user)
}
