import { APIError, isolateObjectProperty, type PayloadRequest, ValidationError } from 'payload'

import { runAfterResponse } from '../afterResponse'
import { findNul } from '../limits/inputProblems'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Forgot-password for REST (`POST /api/users/forgot-password`) and GraphQL (`forgotPasswordUser`):
 * checks the request (`email` and/or `username`; anything else counts as absent) and schedules
 * Payload's forgotPassword — the account lookup, the token, the 15 s throttle and the email — for
 * after the answer, so the answer costs the same whether or not the account exists. Throws, doing
 * nothing, a 400 `Missing username.` when neither is given and a 400 naming the field for a NUL.
 */
export const scheduleResetEmail = (
  req: PayloadRequest,
  input: { email?: unknown; username?: unknown },
): void => {
  const data = { email: text(input.email), username: text(input.username) }
  const nul = findNul(data)
  if (nul) throw new ValidationError({ collection: 'users', errors: [nul] }, req.t)
  if (!data.email.trim() && !data.username.trim()) throw new APIError('Missing username.', 400)
  // Its own transaction: whatever the request ran in has ended by the time this runs.
  const later = isolateObjectProperty(req, 'transactionID')
  later.transactionID = undefined
  runAfterResponse(
    () => req.payload.forgotPassword({ collection: 'users', data, req: later }),
    (error) => req.payload.logger.error({ err: error }, 'could not send the password-reset email'),
  )
}
