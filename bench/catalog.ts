/** The bench's catalog and customers, shared by bench/run.ts and bench/cpu.ts. */
import pg from 'pg'

const log = (message: string) => console.log(`[bench] ${message}`)

/** Generates `products` products over 30 brands and 20 categories (see docs/PERFORMANCE.md). */
export const seedCatalog = async (databaseUrl: string, products: number): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    log(`generating ${products} products (triggers fill search_vector)…`)
    const started = Date.now()
    await client.query(`
      INSERT INTO categories (name, slug, description)
      SELECT name, lower(name), 'All things ' || lower(name)
      FROM unnest(ARRAY['Phones','Laptops','Tablets','Headphones','Cameras','Televisions',
        'Monitors','Keyboards','Speakers','Watches','Consoles','Drones','Printers','Routers',
        'Chargers','Cables','Storage','Projectors','Microphones','Accessories']) AS name`)
    await client.query(
      `
      WITH brands AS (
        SELECT ARRAY['Samsung','Apple','Sony','LG','Dell','Lenovo','Asus','Acer','HP','Xiaomi',
          'Google','OnePlus','Nokia','Motorola','Huawei','Canon','Nikon','Bose','JBL','Philips',
          'Panasonic','Microsoft','Logitech','Razer','Garmin','Fitbit','DJI','Anker','Belkin',
          'Corsair'] AS list
      ),
      words AS (
        SELECT ARRAY['wireless','compact','premium','lightweight','fast','durable','smart',
          'portable','ultra','pro','quiet','bright','waterproof','gaming','studio'] AS list
      )
      INSERT INTO products (brand, model, slug, description, category_id, price, discount,
        final_price, stock, available, status, rating_average, rating_count, created_at,
        updated_at)
      SELECT b.list[1 + (g % 30)],
             'Model ' || g,
             'product-' || g,
             jsonb_build_object('root', jsonb_build_object('type', 'root', 'children',
               jsonb_build_array(jsonb_build_object('type', 'paragraph', 'children',
                 jsonb_build_array(jsonb_build_object('type', 'text', 'text',
                   'A ' || w.list[1 + h.word1] || ' and ' || w.list[1 + h.word2]
                   || ' device from the ' || (SELECT name FROM categories WHERE id = h.category)
                   || ' range, product number ' || g)))))),
             h.category,
             h.price, 0, h.price,
             1000,
             NOT h.pending,
             CASE WHEN h.pending THEN 'pending' ELSE 'approved' END::enum_products_status,
             round(h.rating / 10.0, 1),
             (g * 31) % 200,
             now() - (g || ' seconds')::interval,
             now()
      FROM generate_series(1, $1::int) AS g
      CROSS JOIN brands b
      CROSS JOIN words w
      -- Independent pseudo-random attributes (a hash per attribute), so that every brand has
      -- products in every category, price range and status.
      CROSS JOIN LATERAL (
        SELECT 1 + (g / 30) % 20 AS category,
               (10 + (hashint4(g) & 2147483647) % 2990)::numeric AS price,
               (hashint4(g + 1) & 2147483647) % 10 = 0 AS pending,
               (hashint4(g + 2) & 2147483647) % 15 AS word1,
               (hashint4(g + 3) & 2147483647) % 15 AS word2,
               (hashint4(g + 4) & 2147483647) % 51 AS rating) AS h`,
      [products],
    )
    await client.query('VACUUM ANALYZE')
    log(`catalog ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await client.end()
  }
}

const json = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json().catch(() => null)) as never }
}

/** `count` customers (created by an admin, signed in on the server at `url`): their tokens. */
export const benchCustomers = async (url: string, count: number): Promise<string[]> => {
  const admin = await json(`${url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: 'bench-admin@example.test',
      username: 'benchadmin',
      password: 'Bench-Pass-123',
    }),
  })
  const adminToken = (admin.body as { token: string }).token
  const tokens: string[] = []
  for (let index = 0; index < count; index += 1) {
    const credentials = {
      email: `bench-customer-${index}@example.test`,
      password: 'Bench-Pass-123',
    }
    await json(`${url}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${adminToken}` },
      body: JSON.stringify({
        ...credentials,
        username: `benchcustomer${index}`,
        roles: ['customer'],
      }),
    })
    const login = await json(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(credentials),
    })
    tokens.push((login.body as { token: string }).token)
  }
  return tokens
}

/** Ids of 1000 random approved products: the detail scenarios' targets. */
export const sampleProductIds = async (databaseUrl: string): Promise<number[]> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: number }>(
      `SELECT id FROM products WHERE status = 'approved' ORDER BY random() LIMIT 1000`,
    )
    return rows.map((row) => row.id)
  } finally {
    await client.end()
  }
}
