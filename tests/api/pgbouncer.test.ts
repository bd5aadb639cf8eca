/**
 * The production server behind PgBouncer in transaction mode: its pool (`DATABASE_URL`) goes
 * through a private PgBouncer with 3 server connections, while migrations use the direct
 * `DATABASE_MIGRATION_URL`. Transaction pooling hands each transaction to whichever server
 * connection is free, so anything that relies on session state would break here: the paths
 * below are the ones that take locks or run raw SQL in transactions (first sign-up, refresh
 * tokens, stock, ratings, the catalog search's `SET LOCAL`, the jobs queue, CSV export).
 */
import pg from 'pg'

import { api } from '../helpers/apiClient'
import {
  createAccount,
  type Json,
  registerFirstAdmin,
  signUp,
  tokenPair,
} from '../helpers/authClient'
import { activationTokenIn, settledEmailsTo, waitForEmails } from '../helpers/outbox'
import {
  pgbouncerInstalled,
  PGBOUNCER_BIN,
  type PgBouncer,
  startPgBouncer,
} from '../helpers/pgbouncer'
import { adminDatabaseUrl, createEmptyDatabase, dropDatabase } from '../helpers/testDatabase'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { MIGRATION_APPLICATION_NAME, MIGRATION_LOCK } from '../../src/lib/applyMigrations'
import { migrations } from '../../src/migrations'

const SERVER_CONNECTIONS = 3

const installed = pgbouncerInstalled()
if (!installed) {
  console.warn(`pgbouncer tests skipped: ${PGBOUNCER_BIN} not found (Debian package pgbouncer)`)
}
const describeWithPgBouncer = installed ? describe : describe.skip

const address = {
  name: 'Ada Lovelace',
  lines: '12 Engine Street',
  city: 'London',
  postcode: 'N1 7AA',
  country: 'UK',
}

describeWithPgBouncer('behind PgBouncer in transaction mode', () => {
  let bouncer: PgBouncer
  let directUrl: string
  let server: TestServer
  let db: pg.Client
  let admin: { token: string; id: number }
  const customers: Array<{ id: number; token: string }> = []

  const call = async (
    path: string,
    options: { method?: string; token?: string; body?: unknown } = {},
  ) => {
    const { status, text, headers } = await api(server.url, path, options)
    let body: Json = {}
    try {
      body = text ? JSON.parse(text) : {}
    } catch {
      body = { text }
    }
    return { status, body, text, headers }
  }

  const createProduct = async (stock: number, brand = 'Pooled', model = 'Widget') => {
    const { status, body } = await call('/api/products', {
      method: 'POST',
      token: admin.token,
      body: { brand, model, price: 10, stock, status: 'approved' },
    })
    expect(status).toBe(201)
    return body.doc.id as number
  }

  /** Server connections (backends) of the test database, other than this test's own. */
  const backendsOfDatabase = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows[0].n

  beforeAll(async () => {
    directUrl = await createEmptyDatabase('marketplace_pgbouncer')
    bouncer = await startPgBouncer({ serverUrl: adminDatabaseUrl(), poolSize: SERVER_CONNECTIONS })
    db = new pg.Client({ connectionString: directUrl })
    await db.connect()
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    await db?.end()
    await bouncer?.stop()
    if (directUrl) await dropDatabase(directUrl)
  })

  it('migrates on the direct URL, after any other process migrating holds the lock', async () => {
    // Stand in for another instance that is migrating: hold the migration lock.
    const other = new pg.Client({ connectionString: directUrl })
    await other.connect()
    await other.query('BEGIN')
    await other.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    let started = false
    const starting = startTestServer({
      databaseUrl: bouncer.urlFor(directUrl),
      env: {
        DATABASE_MIGRATION_URL: directUrl,
        RATE_LIMIT_API: '100000',
        RATE_LIMIT_CREDENTIALS: '1000',
      },
    }).finally(() => (started = true))
    let waiter: { application_name: string } | undefined
    try {
      // Until the server waits on the lock, or (had it not waited) is up or has failed.
      for (let attempt = 0; !waiter && !started && attempt < 1500; attempt++) {
        // Asked on another connection: inside a transaction, pg_stat_activity stays as it first read.
        const { rows } = await db.query<{ application_name: string }>(
          `SELECT application_name FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        )
        waiter = rows[0]
        if (!waiter) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      // The server waits on a direct connection of its migration pool, before any schema change.
      expect(waiter).toEqual({ application_name: MIGRATION_APPLICATION_NAME })
      const { rows } = await other.query(`SELECT to_regclass('payload_migrations') AS t`)
      expect(rows[0].t).toBeNull()
    } finally {
      await other.query('COMMIT')
      await other.end()
      // Stopped in afterAll, whatever the assertions above found.
      server = await starting
    }
    const applied = await db.query<{ name: string }>(
      'SELECT name FROM payload_migrations WHERE batch > 0 ORDER BY name',
    )
    expect(applied.rows.map((row) => row.name)).toEqual(migrations.map((m) => m.name).sort())
    // The migration pool is gone; what is left reaches Postgres through PgBouncer only.
    expect(await backendsOfDatabase()).toBeLessThanOrEqual(SERVER_CONNECTIONS)
  }, 300_000)

  it('registers the first admin, signs in and reads as the signed-in user', async () => {
    const first = await registerFirstAdmin(server.url)
    admin = { token: first.token, id: first.id }
    for (let index = 0; index < 4; index++) {
      const customer = await createAccount(server.url, admin.token, ['customer'])
      customers.push({ id: customer.id, token: customer.token })
      const pair = await tokenPair(server.url, customer)
      expect(pair).toMatchObject({ access: expect.any(String), refresh: expect.any(String) })
    }
    const me = await call('/api/users/me', { token: customers[0].token })
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ id: customers[0].id, roles: ['customer'] })
    const roles = await db.query<{ value: string }>(
      'SELECT value FROM users_roles WHERE parent_id = $1',
      [first.id],
    )
    expect(roles.rows.map((row) => row.value)).toEqual(['admin'])
    const stored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = ANY($1)',
      [customers.map((customer) => customer.id)],
    )
    expect(stored.rows[0].n).toBe(customers.length)
  })

  it('never oversells one product ordered 16 times at once over 3 server connections', async () => {
    const product = await createProduct(10)
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        call('/api/orders', {
          method: 'POST',
          token: customers[index % customers.length].token,
          body: { items: [{ product, quantity: 1 }], shippingAddress: address },
        }),
      ),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(6).fill(409)])
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.errors[0].message).toMatch(/^Not enough stock for "Pooled Widget"/)
    }
    const stock = await db.query('SELECT stock FROM products WHERE id = $1', [product])
    expect(Number(stock.rows[0].stock)).toBe(0)
    const ordered = await db.query<{ n: number }>(
      `SELECT coalesce(sum(quantity), 0)::int AS n FROM orders_items WHERE product_id = $1`,
      [product],
    )
    expect(ordered.rows[0].n).toBe(10)
    // Many client connections shared few server connections.
    const clients = await bouncer.show<{ database: string }>('SHOW CLIENTS')
    const databaseName = new URL(directUrl).pathname.slice(1)
    expect(clients.filter((client) => client.database === databaseName).length).toBeGreaterThan(
      SERVER_CONNECTIONS,
    )
    expect(await backendsOfDatabase()).toBeLessThanOrEqual(SERVER_CONNECTIONS)
  })

  it('keeps the rating aggregate exact under concurrent reviews', async () => {
    const product = await createProduct(10, 'Rated', 'Gadget')
    const ratings = [5, 4, 2, 1]
    const responses = await Promise.all(
      customers.map((customer, index) =>
        call('/api/reviews', {
          method: 'POST',
          token: customer.token,
          body: { product, rating: ratings[index] },
        }),
      ),
    )
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201])
    const { rows } = await db.query(
      'SELECT rating_count, rating_average FROM products WHERE id = $1',
      [product],
    )
    expect(Number(rows[0].rating_count)).toBe(4)
    expect(Number(rows[0].rating_average)).toBe(3)
    const read = await call(`/api/products/${product}?depth=0`)
    expect(read.body).toMatchObject({ ratingCount: 4, ratingAverage: 3 })
  })

  it('finds a product through the catalog search with a typo (its SET LOCAL threshold)', async () => {
    const product = await createProduct(3, 'Samsung', 'Galaxy Pooled')
    const { status, body } = await call('/api/products/search?query=samsng%20galaxy')
    expect(status).toBe(200)
    expect(body.docs.map((doc: Json) => doc.id)).toEqual([product])
  })

  it('runs the jobs queue through the pooler: the activation email goes out once', async () => {
    const account = await signUp(server.url)
    const [email] = await waitForEmails(account.email)
    const activated = await fetch(`${server.url}/api/users/activate/${activationTokenIn(email)}`)
    expect(activated.status).toBe(200)
    expect(await settledEmailsTo(account.email, directUrl)).toHaveLength(1)
    const { rows } = await db.query('SELECT _verified FROM users WHERE id = $1', [account.id])
    expect(rows[0]._verified).toBe(true)
  })

  it('exports every order as CSV for an admin', async () => {
    const { status, text } = await call('/api/orders/export.csv', { token: admin.token })
    expect(status).toBe(200)
    const exported = text
      .split('\r\n')
      .filter(Boolean)
      .slice(1)
      .map((line) => Number(line.split(',')[0]))
    const stored = await db.query<{ id: number }>('SELECT id FROM orders ORDER BY id')
    expect(exported.sort((a, b) => a - b)).toEqual(stored.rows.map((row) => row.id))
    expect(exported).toHaveLength(10)
  })

  it('also migrates through the pooler alone (no direct URL), leaving no advisory lock behind', async () => {
    const secondUrl = await createEmptyDatabase('marketplace_pgbouncer')
    const pooledOnly = await startTestServer({ databaseUrl: bouncer.urlFor(secondUrl) })
    const second = new pg.Client({ connectionString: secondUrl })
    await second.connect()
    try {
      const applied = await second.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM payload_migrations WHERE batch > 0',
      )
      expect(applied.rows[0].n).toBe(migrations.length)
      // The lock was transaction-scoped: nothing stays held on a pooled server connection.
      const locks = await second.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
      expect(locks.rows[0].n).toBe(0)
      const health = await fetch(`${pooledOnly.url}/readyz`)
      expect(health.status).toBe(200)
    } finally {
      await second.end()
      await pooledOnly.stop()
      await dropDatabase(secondUrl)
    }
  }, 180_000)
})
