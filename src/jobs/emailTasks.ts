import type { TaskConfig } from 'payload'

import { prepareActivation } from '../lib/auth/activation'
import { prepareEmailChangeConfirmation } from '../lib/auth/emailChange'
import { emailChangeNoticeEmail, takenEmailSignUpEmail } from '../lib/email/templates'
import { oncePerJob } from './oncePerJob'

/**
 * Retries of every email: 5 attempts after the first, 20 s, 40 s, 80 s, 160 s and 320 s later.
 * The first wait is longer than Payload's 15 s reset-email throttle, which a failed reset's
 * attempt has already reserved.
 */
const emailRetries = { attempts: 5, backoff: { type: 'exponential', delay: 20_000 } } as const

type Sent = { output: { sent: boolean } }

/** The activation link of a public sign-up (`queueActivationEmail`, resend-activation). */
export const sendActivationEmailTask: TaskConfig<{ input: { userId: number } } & Sent> = {
  slug: 'sendActivationEmail',
  retries: emailRetries,
  inputSchema: [{ name: 'userId', type: 'number', required: true }],
  handler: async ({ input, job, req }) => ({
    output: { sent: await oncePerJob(req, job.id, () => prepareActivation(req, input.userId)) },
  }),
}

/** The confirmation link of an email change, to the new address (`requestEmailChange`). */
export const sendEmailChangeConfirmationTask: TaskConfig<
  { input: { userId: number; newEmail: string } } & Sent
> = {
  slug: 'sendEmailChangeConfirmation',
  retries: emailRetries,
  inputSchema: [
    { name: 'userId', type: 'number', required: true },
    { name: 'newEmail', type: 'email', required: true },
  ],
  handler: async ({ input, job, req }) => ({
    output: {
      sent: await oncePerJob(req, job.id, () =>
        prepareEmailChangeConfirmation(req, input.userId, input.newEmail),
      ),
    },
  }),
}

const NOTICES = ['taken-email-sign-up', 'email-change'] as const
type Notice = (typeof NOTICES)[number]

/** Notices without a link: a sign-up with a taken address, an email change to the old address. */
export const sendNoticeEmailTask: TaskConfig<
  { input: { to: string; notice: Notice; newEmail?: string | null } } & Sent
> = {
  slug: 'sendNoticeEmail',
  retries: emailRetries,
  inputSchema: [
    { name: 'to', type: 'email', required: true },
    { name: 'notice', type: 'select', options: [...NOTICES], required: true },
    { name: 'newEmail', type: 'email' },
  ],
  handler: async ({ input, job, req }) => ({
    output: {
      sent: await oncePerJob(req, job.id, async () => {
        const message =
          input.notice === 'email-change'
            ? emailChangeNoticeEmail(input.newEmail ?? '')
            : takenEmailSignUpEmail()
        return async () => {
          await req.payload.sendEmail({ to: input.to, ...message })
        }
      }),
    },
  }),
}

/**
 * Payload's forgotPassword (`queueResetEmail`): the account lookup, the reset token, the 15 s
 * throttle per account and the email; nothing for an unknown account.
 */
export const sendPasswordResetTask: TaskConfig<
  { input: { email?: string | null; username?: string | null } } & Sent
> = {
  slug: 'sendPasswordReset',
  retries: emailRetries,
  inputSchema: [
    { name: 'email', type: 'text' },
    { name: 'username', type: 'text' },
  ],
  handler: async ({ input, job, req }) => ({
    output: {
      // Payload's forgotPassword sends inside its own steps (its throttle with it), so here the
      // token commits just after the email, as it did before the queue.
      sent: await oncePerJob(req, job.id, async () => {
        const data = { email: input.email ?? '', username: input.username ?? '' }
        await req.payload.forgotPassword({ collection: 'users', data, req })
        return async () => undefined
      }),
    },
  }),
}
