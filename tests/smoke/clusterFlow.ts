/**
 * The multi-instance smoke flow, one implementation for `npm run cluster:smoke` (tests/smoke/
 * cluster.ts) and jest (tests/api/clusterSmoke.test.ts): a store's life across web instances A
 * and B, with the job runner sending its email. Each step asserts with node:assert and leaves
 * what later steps need in the shared context; steps run in order.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import { type ApiResponse, type Json, uploadFile } from '../helpers/apiClient'
import {
  type Account,
  call,
  createAccount,
  registerFirstAdmin,
  signUp,
} from '../helpers/authClient'
import { pngBytes, testAddress, uniqueWord } from '../helpers/fixtures'
import { activationTokenIn, emailsTo, settledEmailsTo, waitForEmails } from '../helpers/outbox'
import { querySql } from '../helpers/privatePostgres'
import { type ClusterTopology, waitForReady, type WebInstance } from './topology'

type Session = Account & { token: string }

/** What the steps learn and hand on. */
export type FlowContext = {
  topology: ClusterTopology
  admin?: Session
  staff?: Session
  vendor?: Session
  media?: Json
  product?: Json
  customer?: Account
  customerToken?: string
  order?: Json
}

export type FlowStep = {
  name: string
  /** Runs only on a topology with a streaming replica (see smokeDatabase). */
  needsReplica?: boolean
  run: (context: FlowContext) => Promise<void>
}

const STOCK = 5
const ORDERED = 2
/** How long the runner may take to send an email on a loaded machine: a deadline, not a wait. */
const EMAIL_DEADLINE_MS = 60_000
/** How long a replica's backends may take to report their table statistics. */
const REPLICA_STATS_DEADLINE_MS = 30_000

const need = <T>(value: T | undefined, what: string): T => {
  assert.ok(value !== undefined, `an earlier step did not provide ${what}`)
  return value
}

/** `call` on an instance, signed in with `token` when given. */
const on = (
  instance: WebInstance,
  method: string,
  route: string,
  { token, body }: { token?: string; body?: unknown } = {},
) =>
  call(`${instance.url}${route}`, {
    method,
    body,
    auth: token ? `JWT ${token}` : undefined,
  })

const expectStatus = (
  instance: WebInstance,
  what: string,
  response: { status: number; body: unknown },
  status: number,
) =>
  assert.equal(
    response.status,
    status,
    `${what} on ${instance.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`,
  )

/** The anonymous catalog query that finds the flow's product (by its unique brand). */
const catalogRoute = (brand: string) =>
  `/api/products?where[brand][equals]=${encodeURIComponent(brand)}&depth=1`

/** One anonymous catalog read: the product ids it lists and its `X-Cache` header. */
const readCatalog = async (instance: WebInstance, brand: string) => {
  const response = await on(instance, 'GET', catalogRoute(brand))
  expectStatus(instance, 'the catalog', response, 200)
  return { docs: response.body.docs as Json[], cache: response.headers.get('x-cache') }
}

/** What `RateLimit: "…"; r=<remaining>; t=<seconds>` (IETF draft 8) says remains. */
const remaining = (response: Response): number => {
  const header = response.headers.get('ratelimit') ?? ''
  const match = header.match(/;\s*r=(\d+)/)
  assert.ok(match, `no remaining count in RateLimit: "${header}"`)
  return Number(match[1])
}

const servedFile = async (instance: WebInstance, filename: string): Promise<Buffer> => {
  const response = await fetch(`${instance.url}/api/media/file/${filename}`)
  assert.equal(response.status, 200, `/api/media/file/${filename} on ${instance.name}`)
  assert.equal(response.headers.get('content-type'), 'image/png')
  return Buffer.from(await response.arrayBuffer())
}

const bodyOf = (response: ApiResponse): Json => response.body as Json

export const clusterSmokeFlow: FlowStep[] = [
  {
    name: 'both web instances are ready on Redis; only the job runner polls the queue',
    run: async ({ topology }) => {
      const withReplica = Boolean(topology.database.replicaUrl)
      for (const instance of [topology.a, topology.b]) {
        const checks = await waitForReady(instance, withReplica)
        assert.equal(checks.replicas, withReplica ? 'up' : undefined, instance.name)
        assert.ok(
          !instance.output().includes('jobs runner started'),
          `web instance ${instance.name} runs the jobs queue (JOBS_AUTORUN=false ignored)`,
        )
      }
      assert.ok(topology.runner.output().includes('jobs runner started'))
    },
  },
  {
    name: 'rate-limit counters are shared: A, B, A count down one bucket',
    run: async ({ topology: { a, b } }) => {
      const route = '/api/categories?limit=1'
      const counts: number[] = []
      for (const instance of [a, b, a])
        counts.push(remaining(await fetch(`${instance.url}${route}`)))
      assert.ok(
        counts[1] < counts[0] && counts[2] < counts[1],
        `remaining requests did not count down across instances: ${counts.join(', ')}`,
      )
    },
  },
  {
    name: 'accounts: the first admin on A, staff created on B, a vendor on A',
    run: async (context) => {
      const { a, b } = context.topology
      const admin = await registerFirstAdmin(a.url)
      context.admin = admin
      context.staff = await createAccount(b.url, admin.token, ['staff'])
      context.vendor = await createAccount(a.url, admin.token, ['vendor'])
    },
  },
  {
    name: 'a vendor uploads an image on A (multipart) and lists a product with it',
    run: async (context) => {
      const { a } = context.topology
      const vendor = need(context.vendor, 'the vendor')
      const uploaded = await uploadFile(a.url, {
        bytes: await pngBytes(640, 480),
        filename: 'smoke-camera.png',
        type: 'image/png',
        data: { alt: 'A camera, photographed for the smoke test' },
        token: vendor.token,
      })
      expectStatus(a, 'the upload', uploaded, 201)
      const media = bodyOf(uploaded).doc as Json
      context.media = media
      const brand = uniqueWord('smoke')
      const created = await on(a, 'POST', '/api/products', {
        token: vendor.token,
        body: { brand, model: 'Camera', price: 19.9, stock: STOCK, images: [media.id] },
      })
      expectStatus(a, 'the product', created, 201)
      assert.equal(created.body.doc.status, 'pending')
      context.product = created.body.doc
    },
  },
  {
    name: 'the pending product is not in the anonymous catalog of A or B (both cached)',
    run: async ({ topology: { a, b }, product }) => {
      const { brand } = need(product, 'the product')
      for (const instance of [a, b]) {
        await readCatalog(instance, brand)
        const again = await readCatalog(instance, brand)
        assert.deepEqual(again.docs, [], `instance ${instance.name} lists a pending product`)
        assert.equal(again.cache, 'HIT', `the second read on ${instance.name}`)
      }
    },
  },
  {
    name: 'staff approve it on B (the moderation endpoint)',
    run: async ({ topology: { b }, staff, product }) => {
      const { id } = need(product, 'the product')
      const approved = await on(b, 'POST', `/api/products/${id}/approve`, {
        token: need(staff, 'the staff account').token,
      })
      expectStatus(b, 'the approval', approved, 200)
      assert.equal(approved.body.doc.status, 'approved')
    },
  },
  {
    name: 'the cached anonymous catalog shows it, with its image, on A and on B',
    run: async ({ topology: { a, b }, product, media }) => {
      const { id, brand } = need(product, 'the product')
      const { filename } = need(media, 'the upload')
      for (const instance of [a, b]) {
        // The first read after B's approval must not be A's cached "not listed" page: B's write
        // moved the content generation both instances read from Redis.
        for (const [index, read] of [
          await readCatalog(instance, brand),
          await readCatalog(instance, brand),
        ].entries()) {
          const what = `read ${index + 1} on ${instance.name} (X-Cache ${read.cache})`
          assert.deepEqual(
            read.docs.map((doc) => doc.id),
            [id],
            what,
          )
          assert.equal(read.docs[0].images[0].filename, filename, what)
          if (index === 1) assert.equal(read.cache, 'HIT', what)
        }
      }
    },
  },
  {
    name: 'a customer signs up on A; the job runner sends the activation email exactly once',
    run: async (context) => {
      const { a, b, runner, database } = context.topology
      const customer = await signUp(a.url)
      context.customer = customer
      await waitForEmails(customer.email, 1, {
        dataDir: runner.dataDir,
        timeoutMs: EMAIL_DEADLINE_MS,
      })
      // Once the queue has no email job left, nothing more can arrive.
      const sent = await settledEmailsTo(customer.email, database.primaryUrl, runner.dataDir)
      assert.equal(sent.length, 1, `activation emails from the job runner: ${sent.length}`)
      assert.equal(sent[0].subject, 'Activate your Marketplace account')
      for (const instance of [a, b]) {
        assert.deepEqual(emailsTo(customer.email, instance.dataDir), [], `sent by ${instance.name}`)
      }
    },
  },
  {
    name: 'the customer activates through the emailed link (A) and signs in on B',
    run: async (context) => {
      const { a, b, runner } = context.topology
      const customer = need(context.customer, 'the customer')
      const [email] = emailsTo(customer.email, runner.dataDir)
      const activated = await fetch(`${a.url}/api/users/activate/${activationTokenIn(email)}`)
      assert.equal(activated.status, 200, 'activation on A')
      const login = await on(b, 'POST', '/api/users/login', {
        body: { email: customer.email, password: customer.password },
      })
      expectStatus(b, 'the sign-in', login, 200)
      context.customerToken = login.body.token
    },
  },
  {
    name: 'the customer orders on A and sees the order on B at once (read-your-writes)',
    run: async (context) => {
      const { a, b } = context.topology
      const token = need(context.customerToken, "the customer's session")
      const product = need(context.product, 'the product')
      const placed = await on(a, 'POST', '/api/orders', {
        token,
        body: {
          items: [{ product: product.id, quantity: ORDERED }],
          shippingAddress: testAddress,
        },
      })
      expectStatus(a, 'the order', placed, 201)
      const order = placed.body.doc as Json
      context.order = order
      const read = await on(b, 'GET', `/api/orders/${order.id}?depth=0`, { token })
      expectStatus(b, 'reading the order', read, 200)
      assert.equal(read.body.status, order.status)
      assert.deepEqual(
        (read.body.items as Json[]).map((item) => [item.product, item.quantity]),
        [[product.id, ORDERED]],
      )
      const listed = await on(b, 'GET', '/api/orders?depth=0', { token })
      expectStatus(b, 'listing orders', listed, 200)
      assert.deepEqual(
        (listed.body.docs as Json[]).map((doc) => doc.id),
        [order.id],
      )
    },
  },
  {
    name: 'the image is in the S3 bucket, not on disk, and served the same by A and B',
    run: async ({ topology: { a, b, s3 }, media }) => {
      const upload = need(media, 'the upload')
      const sizes = Object.values(upload.sizes as Record<string, Json>).map((size) => size.filename)
      const keys = await s3.keys()
      for (const key of [upload.filename, ...sizes]) {
        assert.ok(keys.includes(key), `${key} is not in the bucket (${keys.join(', ')})`)
      }
      assert.ok(!fs.existsSync(path.resolve('media', upload.filename)), 'written to media/ too')
      const stored = await s3.objectBytes(upload.filename)
      assert.equal(stored.length, upload.filesize)
      for (const instance of [a, b]) {
        assert.ok(
          (await servedFile(instance, upload.filename)).equals(stored),
          `${instance.name} served other bytes than the bucket holds`,
        )
      }
    },
  },
  {
    name: 'stock went down exactly once (SQL on the primary, and the API on B)',
    run: async ({ topology: { b, database }, product, order, admin }) => {
      const { id } = need(product, 'the product')
      need(order, 'the order')
      const [row] = await querySql<{ stock: number; lines: number; units: number }>(
        database.primaryUrl,
        `SELECT p.stock::int AS stock, count(i.id)::int AS lines,
                coalesce(sum(i.quantity), 0)::int AS units
           FROM products p LEFT JOIN orders_items i ON i.product_id = p.id
          WHERE p.id = $1 GROUP BY p.id`,
        [id],
      )
      assert.deepEqual(row, { stock: STOCK - ORDERED, lines: 1, units: ORDERED })
      const read = await on(b, 'GET', `/api/products/${id}?depth=0`, {
        token: need(admin, 'the admin').token,
      })
      expectStatus(b, 'reading the product', read, 200)
      assert.equal(read.body.stock, STOCK - ORDERED)
    },
  },
  {
    name: 'once the replica has replayed, an anonymous catalog read that misses the cache is read from it',
    needsReplica: true,
    run: async ({ topology: { b, database }, product }) => {
      const { id } = need(product, 'the product')
      await need(database.waitForReplay, 'a replica')()
      const replicaScans = async () => {
        const [{ scans }] = await querySql<{ scans: number }>(
          need(database.replicaUrl, 'a replica'),
          `SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int AS scans
             FROM pg_stat_user_tables WHERE relname = 'products'`,
        )
        return scans
      }
      // Only the web instances query `products` on the replica. A backend reports its table
      // statistics within seconds of going idle, and an instance reads the primary while a probe
      // of the replica has timed out: read again, each time a query the cache has not seen,
      // until the statistics show a read, against a deadline.
      const deadline = Date.now() + REPLICA_STATS_DEADLINE_MS
      for (let limit = 1; ; limit++) {
        const read = await on(
          b,
          'GET',
          `/api/products?where[id][equals]=${id}&depth=0&limit=${limit}`,
        )
        expectStatus(b, 'the anonymous catalog read', read, 200)
        assert.equal(read.headers.get('x-cache'), 'MISS')
        assert.deepEqual(
          (read.body.docs as Json[]).map((doc) => [doc.id, doc.stock]),
          [[id, STOCK - ORDERED]],
        )
        if ((await replicaScans()) > 0) return
        assert.ok(Date.now() < deadline, 'the replica never scanned products: no read reached it')
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    },
  },
  {
    name: 'the streaming replica has replayed every write of the flow',
    needsReplica: true,
    run: async ({ topology: { database }, product, order, media }) => {
      const replicaUrl = need(database.replicaUrl, 'a replica')
      await need(database.waitForReplay, 'a replica')()
      const [row] = await querySql<{ stock: number; orders: number; media: number }>(
        replicaUrl,
        `SELECT (SELECT stock::int FROM products WHERE id = $1) AS stock,
                (SELECT count(*)::int FROM orders WHERE id = $2) AS orders,
                (SELECT count(*)::int FROM media WHERE id = $3) AS media`,
        [
          need(product, 'the product').id,
          need(order, 'the order').id,
          need(media, 'the upload').id,
        ],
      )
      assert.deepEqual(row, { stock: STOCK - ORDERED, orders: 1, media: 1 })
    },
  },
]

/**
 * Runs the flow in order through `step`; a step after a failed one is not run (its failure would
 * only repeat the first). Replica steps run only when the topology has one; `skipped` hears of
 * the others.
 */
export const runClusterSmokeFlow = async (
  context: FlowContext,
  step: (name: string, run: () => Promise<void>) => Promise<void>,
  skipped: (name: string, why: string) => void,
): Promise<void> => {
  for (const { name, needsReplica, run } of clusterSmokeFlow) {
    if (needsReplica && !context.topology.database.replicaUrl) {
      skipped(name, context.topology.database.description)
      continue
    }
    await step(name, () => run(context))
  }
}
