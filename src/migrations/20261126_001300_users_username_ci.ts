import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Usernames are unique ignoring case: the plain unique index Payload generates for `username` is
 * replaced by a functional one on lower(username). It keeps Payload's index name, so the adapter
 * maps a violation to the `username` field (400 "Value must be unique" naming the field).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "users_username_idx";
  CREATE UNIQUE INDEX "users_username_idx" ON "users" USING btree (lower("username"));`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "users_username_idx";
  CREATE UNIQUE INDEX "users_username_idx" ON "users" USING btree ("username");`)
}
