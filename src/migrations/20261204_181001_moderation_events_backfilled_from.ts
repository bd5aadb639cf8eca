import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_product_moderation_events_backfilled_from" AS ENUM('audit-log', 'product');
  ALTER TABLE "product_moderation_events" ADD COLUMN "backfilled_from" "enum_product_moderation_events_backfilled_from";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "product_moderation_events" DROP COLUMN "backfilled_from";
  DROP TYPE "public"."enum_product_moderation_events_backfilled_from";`)
}
