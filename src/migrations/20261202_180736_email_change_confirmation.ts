import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Email changes confirmed by the new address: `users.pending_email` holds the address awaiting
 * confirmation; `activation_tokens` also holds the confirmation links (`purpose`, and the `email`
 * each one confirms). Existing rows are activation links.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TYPE "public"."enum_activation_tokens_purpose" AS ENUM('activation', 'email-change');
    ALTER TABLE "users" ADD COLUMN "pending_email" varchar;
    ALTER TABLE "activation_tokens" ADD COLUMN "purpose" "enum_activation_tokens_purpose" DEFAULT 'activation' NOT NULL;
    ALTER TABLE "activation_tokens" ADD COLUMN "email" varchar;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DELETE FROM "activation_tokens" WHERE "purpose" = 'email-change';
    ALTER TABLE "users" DROP COLUMN "pending_email";
    ALTER TABLE "activation_tokens" DROP COLUMN "purpose";
    ALTER TABLE "activation_tokens" DROP COLUMN "email";
    DROP TYPE "public"."enum_activation_tokens_purpose";
  `)
}
