import type { AfterErrorHook } from 'payload'

import {
  isTransactionConflictError,
  TRANSACTION_CONFLICT_MESSAGE,
  TRANSACTION_CONFLICT_RETRY_AFTER_SECONDS,
} from '../../src/lib/databaseHealth'
import { retryLater } from '../../src/lib/retryLater'

/**
 * A request whose transaction Postgres rolled back for a deadlock or a serialization failure
 * answers 503 with `Retry-After: 1` and a message saying nothing was saved (REST), or a GraphQL
 * error with status 503, instead of a 500 "Something went wrong". Every path takes its locks in
 * one order (src/lib/lockOrder.ts), so this is a safety net, not how conflicts are handled.
 *
 * Not retried on the server: an operation cannot be replayed safely from here. Its request body
 * has been read, hooks have run with effects outside the transaction (files written, emails
 * sent, `req.context` flags set), and a silent retry would hide a lock-order bug instead of
 * showing it in the logs. Clients retry 503s with `Retry-After`; the rollback makes that safe.
 */
export const answerTransactionConflict: AfterErrorHook = (args) => {
  if (!isTransactionConflictError(args.error)) return
  args.req.payload.logger.warn({ err: args.error }, 'transaction rolled back by a concurrent one')
  return retryLater(args, TRANSACTION_CONFLICT_MESSAGE, TRANSACTION_CONFLICT_RETRY_AFTER_SECONDS)
}
