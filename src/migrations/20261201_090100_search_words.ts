import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * A dictionary of the words in product brands and models, for typo-tolerant search.
 *
 * Search used to test each query word against every product (`word <% brand OR word <% model OR
 * search_vector @@ word`): an OR the planner could not serve from one index, so on 100k products
 * it often chose a sequential scan (110–130 ms a query). Now a query word is first matched by
 * trigram similarity against this small table (one row per distinct word, trigram GIN) and
 * expanded into a tsquery of the word and its look-alikes (`samsng` → `samsng | samsung`),
 * which the products' GIN index on `search_vector` answers alone.
 *
 * Words need 3+ characters and a letter (typo tolerance on bare numbers means nothing). A trigger
 * adds the words of inserted and renamed products; words of renamed or deleted products stay,
 * harmlessly: they expand a query into a word no product has any more.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "products_search_words" ("word" text PRIMARY KEY);
  CREATE INDEX "products_search_words_trgm_idx" ON "products_search_words"
    USING gin ("word" gin_trgm_ops);

  CREATE OR REPLACE FUNCTION products_search_words_of(brand text, model text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT word
      FROM regexp_split_to_table(lower(coalesce(brand, '') || ' ' || coalesce(model, '')),
                                 '[^[:alnum:]]+') AS word
     WHERE length(word) >= 3 AND word ~ '[[:alpha:]]'
  $$;

  CREATE OR REPLACE FUNCTION products_search_words_add() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO products_search_words (word)
      SELECT products_search_words_of(NEW.brand, NEW.model)
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;

  CREATE TRIGGER products_search_words_add
  AFTER INSERT OR UPDATE OF brand, model ON "products"
  FOR EACH ROW EXECUTE FUNCTION products_search_words_add();

  INSERT INTO products_search_words (word)
    SELECT products_search_words_of(brand, model) FROM products
    ON CONFLICT DO NOTHING;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS products_search_words_add ON "products";
  DROP FUNCTION IF EXISTS products_search_words_add();
  DROP FUNCTION IF EXISTS products_search_words_of(text, text);
  DROP TABLE IF EXISTS "products_search_words";
  `)
}
