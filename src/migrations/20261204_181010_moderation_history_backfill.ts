import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Gives every product that has no moderation history yet (it is older than the
 * `product-moderation-events` collection) the history that can still be known (hand-written; the
 * generated migration before it only adds the `backfilled_from` column):
 * - each status change the audit log recorded for it (the log is older than the history): from →
 *   to, by the log's actor when that account still exists, at the log entry's time, with the
 *   rejection reason the same change wrote; `backfilled_from = 'audit-log'`;
 * - a product the log knows no status change of gets one event: its current status, by whoever
 *   made the last moderation decision (`reviewed_by`), at that decision's time (else when the
 *   product was created), with its rejection reason when it is rejected;
 *   `backfilled_from = 'product'` (the panel says "when the history began", not "created as").
 * Products that already have events are left alone, so running it again adds nothing.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  INSERT INTO "product_moderation_events"
         ("product_id", "from", "to", "by_id", "reason", "backfilled_from", "created_at", "updated_at")
  SELECT p.id,
         (a.changes -> 'status' ->> 'before')::"enum_product_moderation_events_from",
         (a.changes -> 'status' ->> 'after')::"enum_product_moderation_events_to",
         u.id,
         CASE WHEN a.changes -> 'status' ->> 'after' = 'rejected'
              THEN a.changes -> 'rejectionReason' ->> 'after' END,
         'audit-log'::"enum_product_moderation_events_backfilled_from", a.created_at, a.created_at
    FROM "audit_log" a
    JOIN "products" p ON p.id = a.document_id
    LEFT JOIN "users" u ON u.id = a.actor_id
   WHERE a.target_collection = 'products'
     AND a.operation IN ('create', 'update')
     AND a.changes -> 'status' ->> 'after' IN ('pending', 'approved', 'rejected')
     AND NOT EXISTS (SELECT 1 FROM "product_moderation_events" e WHERE e.product_id = p.id);

  INSERT INTO "product_moderation_events"
         ("product_id", "from", "to", "by_id", "reason", "backfilled_from", "created_at", "updated_at")
  SELECT p.id, NULL, p.status::text::"enum_product_moderation_events_to", p.reviewed_by_id,
         CASE WHEN p.status = 'rejected' THEN p.rejection_reason END,
         'product'::"enum_product_moderation_events_backfilled_from",
         COALESCE(p.reviewed_at, p.created_at), COALESCE(p.reviewed_at, p.created_at)
    FROM "products" p
   WHERE NOT EXISTS (SELECT 1 FROM "product_moderation_events" e WHERE e.product_id = p.id);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DELETE FROM "product_moderation_events" WHERE "backfilled_from" IS NOT NULL;`)
}
