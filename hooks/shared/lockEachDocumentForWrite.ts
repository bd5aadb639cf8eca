import {
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  NotFound,
  type PayloadRequest,
} from 'payload'

import { lockDocument } from '../../src/lib/lockOrder'
import { transactionSql } from '../../src/lib/transactionSql'

const lockOrNotFound = async (req: PayloadRequest, slug: string, id: number | string) => {
  if (!(await lockDocument(await transactionSql(req), req.payload, slug, Number(id)))) {
    throw new NotFound(req.t)
  }
}

/**
 * Writes by `where` run no by-id lock (`lockDocumentForWrite`): Payload reads their documents
 * first, then writes each, and the write itself would lock the row before what comes earlier in
 * the lock order (a review before its product, whose rating the write then refreshes). This locks
 * each document in the lock order just before Payload writes it; for writes by id it finds the
 * rows already locked.
 */
export const lockEachDocumentBeforeChange: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'update' && originalDoc)
    await lockOrNotFound(req, collection.slug, originalDoc.id)
  return data
}

/** The same for deletes by `where`, before Payload deletes each document. */
export const lockEachDocumentBeforeDelete: CollectionBeforeDeleteHook = async ({
  collection,
  id,
  req,
}) => {
  await lockOrNotFound(req, collection.slug, id)
}
