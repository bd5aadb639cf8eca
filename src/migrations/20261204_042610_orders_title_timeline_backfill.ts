import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { refreshOrderTitles } from '../lib/orderTitles'
import type { SqlResult, TransactionSql } from '../lib/transactionSql'

/**
 * Backfills the two order fields the admin panel added (hand-written; the generated migration
 * only creates the column and the table):
 * - `orders.title` (`#123 · carol · €1,877.15`) for every existing order, formatted by the same
 *   code as new orders' titles;
 * - one status-timeline entry for every order that has none: at its `createdAt`, to its current
 *   status, by nobody (who placed or moved it was never recorded).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  const run: TransactionSql = async <Row>(query: Parameters<typeof db.execute>[0]) =>
    (await db.execute(query)) as unknown as SqlResult<Row>
  await refreshOrderTitles(run, sql`true`)
  await db.execute(sql`
  INSERT INTO "orders_status_history" ("_order", "_parent_id", "id", "at", "by_id", "from", "to")
  SELECT 1, o.id, substr(md5(random()::text || o.id::text), 1, 24), o.created_at, NULL, NULL,
         o.status::text::"enum_orders_status_history_to"
    FROM "orders" o
   WHERE o.status IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "orders_status_history" h WHERE h._parent_id = o.id);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DELETE FROM "orders_status_history";
  UPDATE "orders" SET "title" = NULL;`)
}
