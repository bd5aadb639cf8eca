import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_product_moderation_events_from" AS ENUM('pending', 'approved', 'rejected');
  CREATE TYPE "public"."enum_product_moderation_events_to" AS ENUM('pending', 'approved', 'rejected');
  CREATE TABLE "product_moderation_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"product_id" integer,
  	"from" "enum_product_moderation_events_from",
  	"to" "enum_product_moderation_events_to" NOT NULL,
  	"by_id" integer,
  	"reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "product_moderation_events_id" integer;
  ALTER TABLE "product_moderation_events" ADD CONSTRAINT "product_moderation_events_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "product_moderation_events" ADD CONSTRAINT "product_moderation_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "product_moderation_events_product_idx" ON "product_moderation_events" USING btree ("product_id");
  CREATE INDEX "product_moderation_events_by_idx" ON "product_moderation_events" USING btree ("by_id");
  CREATE INDEX "product_moderation_events_updated_at_idx" ON "product_moderation_events" USING btree ("updated_at");
  CREATE INDEX "product_moderation_events_created_at_idx" ON "product_moderation_events" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_product_moderation_events_fk" FOREIGN KEY ("product_moderation_events_id") REFERENCES "public"."product_moderation_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_product_moderation_events__idx" ON "payload_locked_documents_rels" USING btree ("product_moderation_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "product_moderation_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "product_moderation_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_product_moderation_events_fk";
  
  DROP INDEX "payload_locked_documents_rels_product_moderation_events__idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "product_moderation_events_id";
  DROP TYPE "public"."enum_product_moderation_events_from";
  DROP TYPE "public"."enum_product_moderation_events_to";`)
}
