import { type CollectionBeforeOperationHook, NotFound } from 'payload'

import { lockOrder } from '../src/lib/orderLock'
import { transactionSql } from '../src/lib/transactionSql'

/**
 * Locks the order an update or delete by id is about to change, before Payload reads it: the
 * `originalDoc` every later hook sees is then the row as the previous writer committed it, and
 * nobody else can change it until this transaction ends. An order that no longer exists is 404.
 * Ids that are not whole numbers are left to Payload's own answer; updates and deletes by `where`
 * are checked per document by `refuseStaleOrderChange` and `restockOnOrderDelete`.
 */
export const lockOrderForWrite: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const id = (args as { id?: number | string }).id
  if (id === undefined || !/^\d+$/.test(String(id))) return args
  if (!(await lockOrder(await transactionSql(req), Number(id)))) throw new NotFound(req.t)
  return args
}
