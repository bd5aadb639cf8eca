import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The audit log is append-only in the database too: a trigger refuses every UPDATE and DELETE of
 * its rows (and TRUNCATE), whoever connects, so not even a bug in server code can rewrite history.
 * Nothing references the table with a foreign key (the actor is kept by id, not as a relation),
 * so deleting a user or a product never cascades into it. Removing entries (retention) means
 * dropping the trigger in a migration of its own, on purpose.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
    END
    $$;
    CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
    CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TRIGGER IF EXISTS "audit_log_no_truncate" ON "audit_log";
    DROP TRIGGER IF EXISTS "audit_log_append_only" ON "audit_log";
    DROP FUNCTION IF EXISTS "audit_log_refuse_change"();
  `)
}
