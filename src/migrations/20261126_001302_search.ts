import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Catalog search (issue 5), hand-written: Payload's schema knows nothing of these objects.
 *
 * - `pg_trgm` for typo-tolerant matching on brand and model (trigram GIN indexes).
 * - `products.search_vector`: a stored tsvector (english stemming) of brand and model (weight A),
 *   category name (B) and the description's Lexical text (C), GIN-indexed. A BEFORE trigger keeps it
 *   current on insert and on updates of its inputs; an AFTER trigger on categories refreshes the
 *   products of a renamed category.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS pg_trgm;

  -- Plain text of a Lexical document: every "text" value, in document order.
  CREATE OR REPLACE FUNCTION lexical_plain_text(doc jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(value #>> '{}', ' '), '')
    FROM jsonb_path_query(coalesce(doc, '{}'::jsonb), 'strict $.**.text') AS value
  $$;

  CREATE OR REPLACE FUNCTION products_search_vector(
    brand text, model text, category_name text, description jsonb
  ) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(brand, '')), 'A')
      || setweight(to_tsvector('english', coalesce(model, '')), 'A')
      || setweight(to_tsvector('english', coalesce(category_name, '')), 'B')
      || setweight(to_tsvector('english', lexical_plain_text(description)), 'C')
  $$;

  ALTER TABLE "products" ADD COLUMN "search_vector" tsvector;

  CREATE OR REPLACE FUNCTION products_search_vector_refresh() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    NEW.search_vector := products_search_vector(
      NEW.brand,
      NEW.model,
      (SELECT c.name FROM categories c WHERE c.id = NEW.category_id),
      NEW.description
    );
    RETURN NEW;
  END
  $$;

  CREATE TRIGGER products_search_vector_refresh
  BEFORE INSERT OR UPDATE OF brand, model, description, category_id ON "products"
  FOR EACH ROW EXECUTE FUNCTION products_search_vector_refresh();

  CREATE OR REPLACE FUNCTION categories_rename_refresh_products() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    -- Touching category_id fires the products trigger, which re-reads the category's name.
    UPDATE products SET category_id = category_id WHERE category_id = NEW.id;
    RETURN NULL;
  END
  $$;

  CREATE TRIGGER categories_rename_refresh_products
  AFTER UPDATE OF name ON "categories"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION categories_rename_refresh_products();

  -- Back-fill rows that existed before this migration.
  UPDATE "products" SET category_id = category_id;

  CREATE INDEX "products_search_vector_idx" ON "products" USING gin ("search_vector");
  CREATE INDEX "products_brand_trgm_idx" ON "products" USING gin ("brand" gin_trgm_ops);
  CREATE INDEX "products_model_trgm_idx" ON "products" USING gin ("model" gin_trgm_ops);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "products_model_trgm_idx";
  DROP INDEX IF EXISTS "products_brand_trgm_idx";
  DROP INDEX IF EXISTS "products_search_vector_idx";
  DROP TRIGGER IF EXISTS categories_rename_refresh_products ON "categories";
  DROP FUNCTION IF EXISTS categories_rename_refresh_products();
  DROP TRIGGER IF EXISTS products_search_vector_refresh ON "products";
  DROP FUNCTION IF EXISTS products_search_vector_refresh();
  ALTER TABLE "products" DROP COLUMN IF EXISTS "search_vector";
  DROP FUNCTION IF EXISTS products_search_vector(text, text, text, jsonb);
  DROP FUNCTION IF EXISTS lexical_plain_text(jsonb);
  `)
}
