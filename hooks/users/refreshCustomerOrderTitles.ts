import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { refreshOrderTitles } from '../../src/lib/orderTitles'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * Order titles name their customer by username (`#123 · carol · €1,877.15`): when a user's
 * username changes, their orders' titles are rewritten in the same transaction (`data` holds the
 * stored username whatever `select` trimmed from `doc`).
 */
export const refreshCustomerOrderTitles: CollectionAfterChangeHook<User> = async ({
  data,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const username = data.username ?? doc.username
  if (operation === 'update' && username && previousDoc?.username !== username) {
    await refreshOrderTitles(await transactionSql(req), sql`o.customer_id = ${doc.id}`)
  }
  return doc
}
