import { APIError, type PayloadRequest, ValidationError } from 'payload'

import { findNul } from '../limits/inputProblems'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Forgot-password for REST (`POST /api/users/forgot-password`) and GraphQL (`forgotPasswordUser`):
 * checks the request (`email` and/or `username`; anything else counts as absent) and queues the
 * `sendPasswordReset` job, which runs Payload's forgotPassword — the account lookup, the token,
 * the 15 s throttle and the email. Queuing is one insert whether or not the account exists, so
 * the answer costs the same. Throws, doing nothing, a 400 `Missing username.` when neither is
 * given and a 400 naming the field for a NUL.
 */
export const queueResetEmail = async (
  req: PayloadRequest,
  input: { email?: unknown; username?: unknown },
): Promise<void> => {
  const data = { email: text(input.email), username: text(input.username) }
  const nul = findNul(data)
  if (nul) throw new ValidationError({ collection: 'users', errors: [nul] }, req.t)
  if (!data.email.trim() && !data.username.trim()) throw new APIError('Missing username.', 400)
  await req.payload.jobs.queue({ task: 'sendPasswordReset', input: data, req })
}
