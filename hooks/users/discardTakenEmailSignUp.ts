import { killTransaction, type CollectionAfterOperationHook } from 'payload'

import { takenEmailSignUpEmail } from '../../src/lib/email/templates'

/**
 * Ends a sign-up rehearsed by `rehearseTakenEmailSignUp`: rolls back everything it wrote (the
 * answer keeps the shape of a real sign-up) and emails the address's owner instead.
 */
export const discardTakenEmailSignUp: CollectionAfterOperationHook<'users'> = async ({
  args,
  operation,
  result,
}) => {
  const { req } = args
  const email = req?.context.takenEmailSignUp
  if (!req || operation !== 'create' || typeof email !== 'string') return result
  req.context.takenEmailSignUp = undefined
  await killTransaction(req)
  try {
    await req.payload.sendEmail({ to: email, ...takenEmailSignUpEmail() })
  } catch (error) {
    req.payload.logger.error({ err: error }, 'could not send the taken-email sign-up notice')
  }
  return result
}
