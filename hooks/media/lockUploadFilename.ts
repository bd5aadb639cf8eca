import path from 'node:path'
import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeOperationHook } from 'payload'

import { transactionSql } from '../../src/lib/transactionSql'

/**
 * Serializes uploads of one file name until their transactions end, so parallel uploads of
 * `photo.png` are all stored, as `photo.png`, `photo-1.png`, …. Payload picks a free name by
 * reading which are taken, then inserts; two uploads reading at once picked the same name and
 * all but one failed on the unique `filename`. Holding a transaction-scoped advisory lock keyed on
 * the name's stem (without Payload's `-<n>` suffix, so `photo-1.png` waits for `photo.png` too)
 * makes the next upload read after the previous one committed. Runs after `nameUploadForItsContent`,
 * which may change the extension.
 */
export const lockUploadFilename: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  const { file } = req
  if ((operation !== 'create' && operation !== 'update') || !file) return args
  const stem = path.parse(file.name).name.replace(/-\d+$/, '')
  const run = await transactionSql(req)
  await run(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${collection.slug}/${stem}`}, 0))`)
  return args
}
