import { APIError, type PayloadRequest } from 'payload'

import type { User } from '@/payload-types'
import { activationEmail } from '../email/templates'
import { lockDocument } from '../lockOrder'
import { relationId } from '../relationId'
import { transactionSql } from '../transactionSql'
import { consumeLinkToken, findLinkToken, issueLinkToken } from './linkTokens'
import { authSettings } from './settings'

const INVALID_ACTIVATION = 'This activation link is invalid or has already been used.'

export const RESEND_RESPONSE =
  'If an account with that email is waiting for activation, a new activation link has been sent.'

/**
 * Queues the activation email of `userId` (the `sendActivationEmail` job) in the caller's
 * transaction: a sign-up that rolls back queues nothing.
 */
export const queueActivation = async (req: PayloadRequest, userId: number): Promise<void> => {
  await req.payload.jobs.queue({ task: 'sendActivationEmail', input: { userId }, req })
}

/**
 * The `sendActivationEmail` job, inside its transaction: with the account's row locked, issues a
 * fresh activation link (replacing any earlier one, which stops working) and returns its email's
 * send, unless the account is gone or already active (`oncePerJob` sends after the commit).
 */
export const prepareActivation = async (
  req: PayloadRequest,
  userId: number,
): Promise<(() => Promise<void>) | undefined> => {
  if (!(await lockDocument(await transactionSql(req), req.payload, 'users', userId))) return
  const user = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { id: { equals: userId } },
    select: { email: true, username: true, _verified: true },
    req,
  })
  if (!user || user._verified !== false) return
  const { activationTtl } = authSettings()
  const token = await issueLinkToken(req, {
    userId: user.id,
    purpose: 'activation',
    ttlSeconds: activationTtl,
  })
  const message = activationEmail(user.username, token, activationTtl)
  return async () => {
    await req.payload.sendEmail({ to: user.email, ...message })
  }
}

/**
 * Activates the account that `token` was issued for. Links are single-use (the token is deleted)
 * and expire. Errors: 400 for an unknown, malformed or used link, 410 for an expired one.
 */
export const activateAccount = async (req: PayloadRequest, token: unknown): Promise<void> => {
  const { record, expired } = await findLinkToken(req, 'activation', token, INVALID_ACTIVATION)
  const userId = relationId(record.user)
  if (expired) {
    throw new APIError(
      'This activation link has expired. Ask for a new one with POST /api/users/resend-activation.',
      410,
    )
  }
  if (userId === undefined || !(await consumeLinkToken(req, record.id))) {
    throw new APIError(INVALID_ACTIVATION, 400)
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
 * the last link is older than the resend cooldown (the email goes out from the jobs queue). Always answers the same (no account leaks).
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
    where: { and: [{ user: { equals: user.id } }, { purpose: { equals: 'activation' } }] },
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
  await queueActivation(req, user.id)
}
