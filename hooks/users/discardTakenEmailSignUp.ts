import { killTransaction, type CollectionAfterOperationHook } from 'payload'

/**
 * Ends a sign-up rehearsed by `rehearseTakenEmailSignUp`: rolls back everything it wrote (the
 * answer keeps the shape of a real sign-up) and queues a notice to the address's owner instead,
 * one job as a real sign-up queues its activation email.
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
  await req.payload.jobs.queue({
    task: 'sendNoticeEmail',
    input: { to: email, notice: 'taken-email-sign-up' },
    req,
  })
  return result
}
