/**
 * The floor for the catalog list: a bare node:http server that answers
 * `GET /products` (the equivalent of an anonymous `GET /api/products?limit=20&depth=1`: approved,
 * live products, newest first, with the total) with one hand-written SQL statement through pg, on
 * the same database. Nothing a framework adds: no routing, access,
 * hooks, logging, rate limiting or cache.
 */
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const port = Number(process.env.PORT ?? 0)

const LIST = `
  WITH page AS (
    SELECT p.* FROM products p
    WHERE p.deleted_at IS NULL AND p.status = 'approved'
    ORDER BY p.created_at DESC
    LIMIT 20
  )
  SELECT json_build_object(
    'docs', coalesce((
      SELECT json_agg(json_build_object(
        'id', page.id, 'brand', page.brand, 'model', page.model, 'slug', page.slug,
        'description', page.description, 'price', page.price, 'discount', page.discount,
        'finalPrice', page.final_price, 'stock', page.stock, 'available', page.available,
        'status', page.status, 'ratingAverage', page.rating_average,
        'ratingCount', page.rating_count, 'createdAt', page.created_at,
        'updatedAt', page.updated_at,
        'category', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
          'id', c.id, 'name', c.name, 'slug', c.slug, 'description', c.description) END,
        'owner', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
          'id', u.id, 'username', u.username, 'email', u.email) END
      ) ORDER BY page.created_at DESC)
      FROM page
      LEFT JOIN categories c ON c.id = page.category_id
      LEFT JOIN users u ON u.id = page.owner_id
    ), '[]'::json),
    'totalDocs', (SELECT count(*) FROM products WHERE deleted_at IS NULL AND status = 'approved'),
    'limit', 20, 'page', 1
  ) AS body`

const server = http.createServer(async (req, res) => {
  if (req.url !== '/products') {
    res.writeHead(404).end()
    return
  }
  try {
    const { rows } = await pool.query(LIST)
    const body = JSON.stringify(rows[0].body)
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body)
  } catch (error) {
    res.writeHead(500).end(String(error))
  }
})

server.listen(port, '127.0.0.1', () => {
  const address = server.address()
  console.log(`floor listening ${typeof address === 'object' && address ? address.port : port}`)
})
process.on('SIGTERM', () => {
  server.close()
  pool.end().finally(() => process.exit(0))
})
