import type { CollectionAfterDeleteHook } from 'payload'

import { auditDiff, isAuditedCollection, writeAuditEntry } from '../../src/lib/audit'

/**
 * Records a delete (for good; a move to the trash is an update) in the audit log, with the last
 * values of the small fields, in the delete's transaction.
 */
export const recordAuditDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  id,
  req,
}) => {
  if (!isAuditedCollection(collection.slug)) return doc
  const diff = auditDiff(collection.slug, doc, undefined)
  await writeAuditEntry(req, { collection: collection.slug, id, operation: 'delete', diff })
  return doc
}
