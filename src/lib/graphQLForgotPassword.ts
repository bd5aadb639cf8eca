import type { GraphQLExtension, PayloadRequest } from 'payload'

import { scheduleResetEmail } from './auth/resetEmail'

type ForgotPasswordArgs = { email?: unknown; username?: unknown }

/**
 * GraphQL's `forgotPasswordUser`, answering like `POST /api/users/forgot-password`: it checks the
 * arguments and answers `true` at once, whether or not the account exists; the lookup, the token
 * and the email run after the answer (`scheduleResetEmail`). Each aliased copy schedules its own
 * (Payload throttles emails to one per account per 15 s). Payload's field keeps its type and
 * arguments; only the resolver, which did all that work before answering, is replaced.
 */
export const graphQLForgotPasswordMutation: GraphQLExtension = (_GraphQL, { Mutation }) => {
  const forgotPassword: unknown = Mutation.fields.forgotPasswordUser
  if (!forgotPassword) return {}
  return {
    forgotPasswordUser: {
      ...forgotPassword,
      resolve: (_source: unknown, args: ForgotPasswordArgs, context: { req: PayloadRequest }) => {
        scheduleResetEmail(context.req, args)
        return true
      },
    },
  }
}
