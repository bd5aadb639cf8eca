import type { GraphQLExtension, PayloadRequest } from 'payload'

import { queueResetEmail } from './auth/resetEmail'

type ForgotPasswordArgs = { email?: unknown; username?: unknown }

/**
 * GraphQL's `forgotPasswordUser`, answering like `POST /api/users/forgot-password`: it checks the
 * arguments, queues the reset email and answers `true`, whether or not the account exists; the
 * lookup, the token and the email run in the jobs queue (`queueResetEmail`). Each aliased copy
 * queues its own
 * (Payload throttles emails to one per account per 15 s). Payload's field keeps its type and
 * arguments; only the resolver, which did all that work before answering, is replaced.
 */
export const graphQLForgotPasswordMutation: GraphQLExtension = (_GraphQL, { Mutation }) => {
  const forgotPassword: unknown = Mutation.fields.forgotPasswordUser
  if (!forgotPassword) return {}
  return {
    forgotPasswordUser: {
      ...forgotPassword,
      resolve: async (
        _source: unknown,
        args: ForgotPasswordArgs,
        context: { req: PayloadRequest },
      ) => {
        await queueResetEmail(context.req, args)
        return true
      },
    },
  }
}
