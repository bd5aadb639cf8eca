import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_audit_log_operation" AS ENUM('create', 'update', 'delete', 'trash', 'restore');
  CREATE TYPE "public"."enum_audit_log_target_collection" AS ENUM('products', 'orders', 'categories', 'users');
  CREATE TYPE "public"."enum_audit_log_actor_strategy" AS ENUM('session', 'api-token', 'system');
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"summary" varchar NOT NULL,
  	"operation" "enum_audit_log_operation" NOT NULL,
  	"target_collection" "enum_audit_log_target_collection" NOT NULL,
  	"document_id" numeric NOT NULL,
  	"actor_id" numeric,
  	"actor_name" varchar,
  	"actor_roles" varchar,
  	"actor_strategy" "enum_audit_log_actor_strategy" NOT NULL,
  	"changed_fields" varchar,
  	"changes" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE INDEX "audit_log_operation_idx" ON "audit_log" USING btree ("operation");
  CREATE INDEX "audit_log_actor_id_idx" ON "audit_log" USING btree ("actor_id");
  CREATE INDEX "audit_log_updated_at_idx" ON "audit_log" USING btree ("updated_at");
  CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");
  CREATE INDEX "targetCollection_documentId_idx" ON "audit_log" USING btree ("target_collection","document_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "audit_log" CASCADE;
  DROP TYPE "public"."enum_audit_log_operation";
  DROP TYPE "public"."enum_audit_log_target_collection";
  DROP TYPE "public"."enum_audit_log_actor_strategy";`)
}
