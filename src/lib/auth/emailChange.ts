import { APIError, type PayloadRequest, ValidationError } from 'payload'

import type { User } from '@/payload-types'
import { emailChangeEmail, emailChangeToTakenAddressEmail } from '../email/templates'
import { lockDocument } from '../lockOrder'
import { relationId } from '../relationId'
import { collectionTable, lockRow } from '../rowLock'
import { transactionSql } from '../transactionSql'
import { withTransaction } from '../withTransaction'
import { consumeLinkToken, findLinkToken, issueLinkToken } from './linkTokens'
import { authSettings } from './settings'

const INVALID_LINK = 'This email confirmation link is invalid or has already been used.'

/** Answer of a confirmation whose address another account took meanwhile (409). */
export const EMAIL_TAKEN_AT_CONFIRMATION =
  'This email address now belongs to another account, so it cannot be confirmed. Your email address was not changed.'

/**
 * Queues the confirmation of a pending email change (`user.pendingEmail` is already stored, in
 * the caller's transaction): the link for the new address (`sendEmailChangeConfirmation` job) and
 * a notice to the current address. Both go out from the jobs queue, so the answer costs the same
 * whoever owns the new address.
 */
export const requestEmailChange = async (
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email' | 'username'>,
  newEmail: string,
): Promise<void> => {
  await req.payload.jobs.queue({
    task: 'sendEmailChangeConfirmation',
    input: { userId: user.id, newEmail },
    req,
  })
  await req.payload.jobs.queue({
    task: 'sendNoticeEmail',
    input: { to: user.email, notice: 'email-change', newEmail },
    req,
  })
}

/**
 * The `sendEmailChangeConfirmation` job, inside its transaction: with the account's row locked,
 * and only while `newEmail` is still its pending change (not confirmed, withdrawn or replaced
 * meanwhile), issues a single-use link for it (replacing any earlier one) and returns its email's
 * send (`oncePerJob` sends after the commit). When the new address already has an account, its
 * owner gets a notice instead of the link, so the requester learns nothing (the answer, the
 * stored change and the token are the same); that notice goes out even when the change was
 * replaced before the job ran, since the attempt on the address was made.
 */
export const prepareEmailChangeConfirmation = async (
  req: PayloadRequest,
  userId: number,
  newEmail: string,
): Promise<(() => Promise<void>) | undefined> => {
  if (!(await lockDocument(await transactionSql(req), req.payload, 'users', userId))) return
  const user = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { id: { equals: userId } },
    select: { username: true, pendingEmail: true },
    req,
  })
  if (!user) return
  const owner = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { and: [{ email: { equals: newEmail } }, { id: { not_equals: userId } }] },
    select: { id: true },
    req,
  })
  const stillPending = user.pendingEmail === newEmail
  // An address's owner hears of every attempt on it, also one replaced since; a link only goes
  // out for the change still pending.
  if (!stillPending && !owner) return
  const { emailChangeTtl } = authSettings()
  const token = stillPending
    ? await issueLinkToken(req, {
        userId,
        purpose: 'email-change',
        ttlSeconds: emailChangeTtl,
        email: newEmail,
      })
    : undefined
  const message =
    owner || !token
      ? emailChangeToTakenAddressEmail()
      : emailChangeEmail(user.username, token, emailChangeTtl)
  return async () => {
    await req.payload.sendEmail({ to: newEmail, ...message })
  }
}

/**
 * Applies the email change that `token` confirms, in one transaction with the user's row locked:
 * the email becomes the pending one, the pending one and the token are cleared, and a pending
 * reset link (sent to the old address) stops working. Sessions stay: the password, not the
 * address, proves who signs in, and the change was asked for with it. Errors: 400 for a malformed,
 * unknown, used, superseded or expired token; 409 when another account took the address
 * meanwhile (nothing changes; the token stays).
 */
export const confirmEmailChange = async (req: PayloadRequest, token: unknown): Promise<void> =>
  withTransaction(req, async () => {
    const { record, expired } = await findLinkToken(req, 'email-change', token, INVALID_LINK)
    if (expired) {
      throw new APIError(
        'This email confirmation link has expired. Change your email again to get a new one.',
        400,
      )
    }
    const userId = relationId(record.user)
    if (userId === undefined) throw new APIError(INVALID_LINK, 400)
    // One confirmation (or change request) of this account at a time; the others wait here,
    // then find the token gone.
    await lockRow(await transactionSql(req), collectionTable(req.payload, 'users'), userId)
    if (!(await consumeLinkToken(req, record.id))) throw new APIError(INVALID_LINK, 400)
    const user = await req.payload.db.findOne<User>({
      collection: 'users',
      where: { id: { equals: userId } },
      req,
    })
    if (!user || !record.email || user.pendingEmail !== record.email) {
      throw new APIError(INVALID_LINK, 400)
    }
    try {
      await req.payload.db.updateOne({
        collection: 'users',
        id: userId,
        data: {
          email: record.email,
          pendingEmail: null,
          resetPasswordToken: null,
          resetPasswordExpiration: null,
        },
        req,
        returning: false,
      })
    } catch (error) {
      // The unique index on email: the address was registered since the change was asked for.
      if (error instanceof ValidationError) throw new APIError(EMAIL_TAKEN_AT_CONFIRMATION, 409)
      throw error
    }
  })

/**
 * Withdraws a user's pending email change: its link stops working and `pendingEmail` is cleared
 * (unless `keepField`, for a caller that clears it in the data it is writing). Used when the
 * account's credentials change by other means (a password change or reset, an email set
 * directly): a link an intruder asked for must not outlive the owner taking the account back.
 */
export const cancelEmailChange = async (
  req: PayloadRequest,
  userId: number,
  { keepField = false }: { keepField?: boolean } = {},
): Promise<void> => {
  await req.payload.delete({
    collection: 'activation-tokens',
    where: { and: [{ user: { equals: userId } }, { purpose: { equals: 'email-change' } }] },
    overrideAccess: true,
    req,
  })
  if (keepField) return
  await req.payload.db.updateOne({
    collection: 'users',
    id: userId,
    data: { pendingEmail: null },
    req,
    returning: false,
  })
}
