import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * One row per job whose email went out (`src/jobs/oncePerJob.ts`): inserted in the same
 * transaction as the send, so a job that two runners pick up sends once. Not a Payload
 * collection: only that insert and the purge touch it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "job_runs_once" (
    "job_id" integer PRIMARY KEY,
    "done_at" timestamp(3) with time zone NOT NULL DEFAULT now()
  );
  CREATE INDEX "job_runs_once_done_at_idx" ON "job_runs_once" USING btree ("done_at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "job_runs_once";`)
}
