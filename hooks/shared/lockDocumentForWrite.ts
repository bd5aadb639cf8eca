import { type CollectionBeforeOperationHook, NotFound } from 'payload'

import { lockDocument } from '../../src/lib/lockOrder'
import { collectionTable, rowExists } from '../../src/lib/rowLock'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * Locks the document an update or delete by id is about to change, before Payload reads it: the
 * `originalDoc` later hooks see is then the row as the previous writer committed it, and nobody
 * else can change it until this transaction ends. A document deleted while this write waited for
 * it is a clean 404 (instead of Payload's delete or update finding no row and failing with a 500).
 * An id that names no document when the write starts is left to Payload: this runs before
 * Payload's access check, and answering 404 here would tell callers without access which ids
 * exist (where Payload answers them 403 either way).
 *
 * The lock is taken in the global lock order (`lockDocument`: a review's product before the
 * review, a user's token lock before the user), so it cannot deadlock with writes that lock those
 * rows too. Ids that are not whole numbers are left to Payload's own answer; writes by `where`
 * read their documents first, so collections that need it lock each one before it is written
 * (`lockEachDocumentForWrite`, `refuseStaleOrderChange`). On an upload collection it also keeps a
 * second delete from removing the files again (Payload deletes them before the row, outside the
 * transaction) and failing.
 */
export const lockDocumentForWrite: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const id = (args as { id?: number | string }).id
  if (id === undefined || !/^\d+$/.test(String(id))) return args
  const run = await transactionSql(req)
  if (!(await rowExists(run, collectionTable(req.payload, collection.slug), Number(id))))
    return args
  if (!(await lockDocument(run, req.payload, collection.slug, Number(id)))) {
    throw new NotFound(req.t)
  }
  return args
}
