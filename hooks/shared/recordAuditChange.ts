import type { CollectionAfterChangeHook } from 'payload'

import {
  auditDiff,
  isAuditedCollection,
  updateKind,
  worthRecording,
  writeAuditEntry,
} from '../../src/lib/audit'

/**
 * Records a create or update (a move to the trash and a restore are named so) in the audit log,
 * in the same transaction: if the change rolls back, so does its entry, and if the entry cannot
 * be written, the change fails. An update that changed nothing the policy records (a user's
 * profile edit, a save without changes) leaves no entry.
 */
export const recordAuditChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (!isAuditedCollection(collection.slug)) return doc
  const before = operation === 'create' ? undefined : previousDoc
  const diff = auditDiff(collection.slug, before, doc)
  const kind = operation === 'create' ? 'create' : updateKind(previousDoc, doc)
  if (kind === 'update' && !worthRecording(collection.slug, diff)) return doc
  await writeAuditEntry(req, { collection: collection.slug, id: doc.id, operation: kind, diff })
  return doc
}
