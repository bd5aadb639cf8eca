import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type TaskHandler,
} from 'payload'
import pg from 'pg'

import type { User } from '@/payload-types'
import { queueResetEmail } from '../../src/lib/auth/resetEmail'
import { cancelExpiredOrder } from '../../src/operations/cancelExpiredOrders'
import {
  createProduct,
  createUser,
  PASSWORD,
  placeOrder,
  setOrderStatus,
  stockOf,
  unique,
  type TestUser,
} from '../helpers/fixtures'
import { activationTokenIn, emailsTo, resetTokenIn } from '../helpers/outbox'
import { closePayload, initPayload } from '../helpers/payload'

/**
 * The jobs queue, run by hand here (`runJobs: false`): emails sent by jobs with retries and
 * backoff, each once however many runners pick a job up; the purge of expired rows; the cancel
 * of expired pending orders.
 */
describe('jobs', () => {
  let payload: Payload
  let db: pg.Client
  let customer: TestUser

  const sql = async <Row extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    (await db.query<Row>(text, values)).rows
  const jobsOf = (task: string) =>
    sql<{ id: number; total_tried: number; has_error: boolean; wait_until: Date | null }>(
      'SELECT id, total_tried::int, has_error, wait_until FROM payload_jobs WHERE task_slug = $1 ORDER BY id',
      [task],
    )
  const runQueue = () => payload.jobs.run({ queue: 'default', limit: 100 })

  const signUpBody = () => {
    const suffix = unique()
    return { username: `job_${suffix}`, email: `job-${suffix}@example.com`, password: PASSWORD }
  }
  /** A public sign-up; its email as sent (anonymous callers may not read it back). */
  const signUp = async (data = signUpBody()) => ({
    ...(await payload.create({ collection: 'users', data: data as User, overrideAccess: false })),
    email: data.email,
  })

  /** Makes every email fail (both ways Payload sends: `payload.sendEmail`, the adapter) until restored. */
  const breakTransport = () => {
    const sendEmail = payload.sendEmail
    const adapterSend = payload.email.sendEmail
    const refuse = async () => {
      throw new Error('SMTP connection refused')
    }
    payload.sendEmail = refuse
    payload.email.sendEmail = refuse
    return () => {
      payload.sendEmail = sendEmail
      payload.email.sendEmail = adapterSend
    }
  }

  beforeAll(async () => {
    payload = await initPayload({ runJobs: false })
    db = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await db.connect()
    customer = await createUser(payload, ['customer'])
    // Fixtures queue nothing that this file's runs would pick up by surprise.
    await runQueue()
  })

  afterAll(async () => {
    await db.end()
    await closePayload(payload)
  })

  describe('emails', () => {
    it('sends the activation email from the queue, not inside the sign-up', async () => {
      const user = await signUp()
      expect(await jobsOf('sendActivationEmail')).toHaveLength(1)
      expect(emailsTo(user.email)).toEqual([])
      // The link is issued by the job: nothing of it exists before.
      expect(await sql('SELECT 1 FROM activation_tokens WHERE user_id = $1', [user.id])).toEqual([])

      await runQueue()
      const emails = emailsTo(user.email)
      expect(emails.map(({ subject }) => subject)).toEqual(['Activate your Marketplace account'])
      expect(activationTokenIn(emails[0])).toMatch(/^[A-Za-z0-9_-]{20,}$/)
      // Done jobs are deleted; their marker stays.
      expect(await jobsOf('sendActivationEmail')).toEqual([])
    })

    it('queues nothing for a sign-up whose transaction rolls back', async () => {
      const data = signUpBody()
      const req = await createLocalReq({}, payload)
      await initTransaction(req)
      await payload.create({ collection: 'users', data: data as User, overrideAccess: false, req })
      expect(await jobsOf('sendActivationEmail')).toEqual([])
      await killTransaction(req)
      await runQueue()
      expect(await jobsOf('sendActivationEmail')).toEqual([])
      expect(emailsTo(data.email)).toEqual([])
    })

    it('queues one job at commit for a sign-up in a caller transaction', async () => {
      const data = signUpBody()
      const req = await createLocalReq({}, payload)
      await initTransaction(req)
      await payload.create({ collection: 'users', data: data as User, overrideAccess: false, req })
      await commitTransaction(req)
      expect(await jobsOf('sendActivationEmail')).toHaveLength(1)
      await runQueue()
      expect(emailsTo(data.email)).toHaveLength(1)
    })

    it('retries a failing transport with exponential backoff, then sends once', async () => {
      const restore = breakTransport()
      let user: User & { email: string }
      try {
        user = await signUp()
        const before = Date.now()
        await runQueue()
        const [failed] = await jobsOf('sendActivationEmail')
        expect(failed).toMatchObject({ total_tried: 1, has_error: false })
        // First retry 20 s later (delay 20 s × 2⁰).
        const wait = failed.wait_until!.getTime() - before
        expect(wait).toBeGreaterThanOrEqual(19_000)
        expect(wait).toBeLessThan(25_000)
        // The failed attempt left no marker (its link is replaced by the retry's).
        expect(await sql('SELECT 1 FROM job_runs_once WHERE job_id = $1', [failed.id])).toEqual([])

        // Not due yet: a run leaves it alone.
        await runQueue()
        expect((await jobsOf('sendActivationEmail'))[0].total_tried).toBe(1)

        // Second failure: the wait doubles.
        await sql('UPDATE payload_jobs SET wait_until = NULL WHERE id = $1', [failed.id])
        const second = Date.now()
        await runQueue()
        const [again] = await jobsOf('sendActivationEmail')
        expect(again).toMatchObject({ total_tried: 2, has_error: false })
        const secondWait = again.wait_until!.getTime() - second
        expect(secondWait).toBeGreaterThanOrEqual(39_000)
        expect(secondWait).toBeLessThan(45_000)
      } finally {
        restore()
      }
      expect(emailsTo(user.email)).toEqual([])
      await sql(`UPDATE payload_jobs SET wait_until = NULL WHERE task_slug = 'sendActivationEmail'`)
      await runQueue()
      expect(emailsTo(user.email)).toHaveLength(1)
      expect(await jobsOf('sendActivationEmail')).toEqual([])
      expect(
        await sql('SELECT 1 FROM activation_tokens WHERE user_id = $1', [user.id]),
      ).toHaveLength(1)
    })

    it('gives up after the last retry and marks the job failed', async () => {
      const restore = breakTransport()
      try {
        const user = await signUp()
        for (let attempt = 1; attempt <= 6; attempt += 1) {
          await sql(
            `UPDATE payload_jobs SET wait_until = NULL WHERE task_slug = 'sendActivationEmail'`,
          )
          await runQueue()
        }
        const [job] = await jobsOf('sendActivationEmail')
        expect(job).toMatchObject({ total_tried: 6, has_error: true })
        expect(emailsTo(user.email)).toEqual([])
        await sql('DELETE FROM payload_jobs WHERE id = $1', [job.id])
      } finally {
        restore()
      }
    })

    it('sends each email once when two runners take the same jobs at once', async () => {
      await sql('DELETE FROM payload_jobs')
      const users = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const data = signUpBody()
          await payload.create({ collection: 'users', data: data as User, overrideAccess: false })
          return data
        }),
      )
      const jobs = await jobsOf('sendActivationEmail')
      expect(jobs).toHaveLength(5)
      // Every job run by two runners at the same moment, plus two whole-queue runners. A runner
      // may fail outright (Payload 3.90: the other deleted the job it was updating; the autorun
      // cron logs that): only the emails count.
      const task = payload.config.jobs.tasks!.find(({ slug }) => slug === 'sendActivationEmail')!
      const handler = task.handler as TaskHandler<'sendActivationEmail'>
      let runs = 0
      task.handler = (args) => {
        runs += 1
        return handler(args)
      }
      try {
        await Promise.allSettled([
          ...jobs.flatMap(({ id }) => [payload.jobs.runByID({ id }), payload.jobs.runByID({ id })]),
          runQueue(),
          runQueue(),
        ])
      } finally {
        task.handler = handler
      }
      // The jobs did run more than once each…
      expect(runs).toBeGreaterThanOrEqual(10)
      // …and each email went out once.
      for (const { email } of users) expect(emailsTo(email)).toHaveLength(1)
      const markers = await sql('SELECT job_id FROM job_runs_once WHERE job_id = ANY($1)', [
        jobs.map(({ id }) => id),
      ])
      expect(markers).toHaveLength(5)
      // A run of a job that already sent, long after (its row put back as it was queued): nothing.
      const [user] = await sql<{ id: number }>('SELECT id FROM users WHERE email = $1', [
        users[0].email,
      ])
      await sql(
        `INSERT INTO payload_jobs (id, input, task_slug, queue, total_tried, processing, has_error, created_at, updated_at)
         VALUES ($1, $2, 'sendActivationEmail', 'default', 0, false, false, now(), now())`,
        [jobs[0].id, JSON.stringify({ userId: user.id })],
      )
      await runQueue()
      expect(await jobsOf('sendActivationEmail')).toEqual([])
      for (const { email } of users) expect(emailsTo(email)).toHaveLength(1)
    })

    it('sends nothing for an account activated before its job ran', async () => {
      const user = await signUp()
      await payload.update({
        collection: 'users',
        id: user.id,
        data: { _verified: true },
        overrideAccess: true,
      })
      await runQueue()
      expect(emailsTo(user.email)).toEqual([])
    })

    it('queues a reset email with one job whether or not the account exists', async () => {
      const account = await createUser(payload, ['customer'])
      const ghost = `ghost-${unique()}@example.com`
      const req = await createLocalReq({}, payload)
      await queueResetEmail(req, { email: account.email })
      await queueResetEmail(req, { email: ghost })
      const jobs = await jobsOf('sendPasswordReset')
      expect(jobs).toHaveLength(2)
      // Nothing about the account is written before the job runs.
      const [stored] = await sql<{ reset_password_token: string | null }>(
        'SELECT reset_password_token FROM users WHERE id = $1',
        [account.id],
      )
      expect(stored.reset_password_token).toBeNull()
      await runQueue()
      const [email] = emailsTo(account.email)
      expect(email.subject).toBe('Reset your Marketplace password')
      expect(resetTokenIn(email)).toBeTruthy()
      expect(emailsTo(ghost)).toEqual([])
      expect(await jobsOf('sendPasswordReset')).toEqual([])
    })

    it('sends no confirmation for an email change withdrawn before its job ran', async () => {
      const user = await createUser(payload, ['customer'])
      const next = `next-${unique()}@example.com`
      const job = await payload.jobs.queue({
        task: 'sendEmailChangeConfirmation',
        input: { userId: user.id, newEmail: next },
      })
      expect(job.id).toBeDefined()
      // pendingEmail is not `next` (never asked for, or withdrawn): nothing is issued or sent.
      await runQueue()
      expect(emailsTo(next)).toEqual([])
      expect(
        await sql(
          `SELECT 1 FROM activation_tokens WHERE user_id = $1 AND purpose = 'email-change'`,
          [user.id],
        ),
      ).toEqual([])
    })
  })

  describe('purge of expired rows', () => {
    it('deletes refresh tokens, links and sessions expired over a day ago, and nothing else', async () => {
      const user = await createUser(payload, ['customer'])
      const ages = {
        old: "now() - interval '25 hours'",
        recent: "now() - interval '1 hour'",
        live: "now() + interval '1 hour'",
      }
      for (const [age, expiry] of Object.entries(ages)) {
        await sql(
          `INSERT INTO refresh_tokens (user_id, token_hash, family, expires_at, updated_at, created_at)
           VALUES ($1, $2, $3, ${expiry}, now(), now())`,
          [user.id, `hash-${age}-${unique()}`, `family-${unique()}`],
        )
        await sql(
          `INSERT INTO activation_tokens (user_id, purpose, token_hash, expires_at, updated_at, created_at)
           VALUES ($1, 'activation', $2, ${expiry}, now(), now())`,
          [user.id, `hash-${age}-${unique()}`],
        )
        await sql(
          `INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at)
           VALUES ((SELECT coalesce(max(_order), 0) + 1 FROM users_sessions WHERE _parent_id = $1), $1, $2, now(), ${expiry})`,
          [user.id, `session-${age}-${unique()}`],
        )
      }
      const left = async () => ({
        refresh: (
          await sql<{ token_hash: string }>(
            'SELECT token_hash FROM refresh_tokens WHERE user_id = $1',
            [user.id],
          )
        ).map((row) => row.token_hash.split('-')[1]),
        links: (
          await sql<{ token_hash: string }>(
            'SELECT token_hash FROM activation_tokens WHERE user_id = $1',
            [user.id],
          )
        ).map((row) => row.token_hash.split('-')[1]),
        sessions: (
          await sql<{ id: string }>('SELECT id FROM users_sessions WHERE _parent_id = $1', [
            user.id,
          ])
        ).map((row) => row.id.split('-')[1]),
      })
      const kept = {
        refresh: ['recent', 'live'],
        links: ['recent', 'live'],
        sessions: ['recent', 'live'],
      }
      const sorted = (value: Record<string, string[]>) =>
        Object.fromEntries(Object.entries(value).map(([key, list]) => [key, [...list].sort()]))

      await payload.jobs.queue({ task: 'purgeExpired', input: {} })
      await runQueue()
      expect(sorted(await left())).toEqual(sorted(kept))
      // Twice: harmless.
      await payload.jobs.queue({ task: 'purgeExpired', input: {} })
      await runQueue()
      expect(sorted(await left())).toEqual(sorted(kept))
      expect(await jobsOf('purgeExpired')).toEqual([])
    })
  })

  describe('cancel of expired pending orders', () => {
    const age = (orderId: number, hours: number) =>
      sql(`UPDATE orders SET created_at = now() - make_interval(hours => $2) WHERE id = $1`, [
        orderId,
        hours,
      ])
    const statusOf = async (id: number) =>
      (await payload.findByID({ collection: 'orders', id, depth: 0 })).status
    const cancelLater = async (id: number) =>
      cancelExpiredOrder(await createLocalReq({}, payload), id)
    const runCancel = async () => {
      await payload.jobs.queue({ task: 'cancelExpiredOrders', input: {} })
      await runQueue()
    }

    it('cancels pending orders older than PENDING_ORDER_TTL once, returning their stock once', async () => {
      const product = await createProduct(payload, { stock: 10 })
      const expired = await placeOrder(payload, customer, [{ product: product.id, quantity: 3 }])
      const fresh = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
      const paid = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      await setOrderStatus(payload, paid.id, 'paid')
      await age(expired.id, 49)
      await age(fresh.id, 47)
      await age(paid.id, 100)
      expect(await stockOf(payload, product.id)).toBe(4)

      await runCancel()
      expect(await statusOf(expired.id)).toBe('cancelled')
      expect(await statusOf(fresh.id)).toBe('pending')
      expect(await statusOf(paid.id)).toBe('paid')
      expect(await stockOf(payload, product.id)).toBe(7)

      // Again, and once more straight on the cancelled order: no-ops.
      await runCancel()
      expect(await cancelExpiredOrder(await createLocalReq({}, payload), expired.id)).toBe(false)
      expect(await stockOf(payload, product.id)).toBe(7)
      expect(await jobsOf('cancelExpiredOrders')).toEqual([])
    })

    it('honours PENDING_ORDER_TTL', async () => {
      const product = await createProduct(payload, { stock: 5 })
      const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
      await age(order.id, 2)
      process.env.PENDING_ORDER_TTL = String(60 * 60)
      try {
        await runCancel()
      } finally {
        delete process.env.PENDING_ORDER_TTL
      }
      expect(await statusOf(order.id)).toBe('cancelled')
      expect(await stockOf(payload, product.id)).toBe(5)
    })

    it('returns stock once when the customer cancels at the same moment', async () => {
      const product = await createProduct(payload, { stock: 50 })
      const orders = await Promise.all(
        Array.from({ length: 5 }, () =>
          placeOrder(payload, customer, [{ product: product.id, quantity: 2 }]),
        ),
      )
      for (const order of orders) await age(order.id, 72)
      expect(await stockOf(payload, product.id)).toBe(40)
      const results = await Promise.allSettled(
        orders.flatMap((order) => [
          setOrderStatus(payload, order.id, 'cancelled', customer),
          cancelLater(order.id),
          cancelLater(order.id),
        ]),
      )
      for (const result of results) expect(result.status).toBe('fulfilled')
      for (const order of orders) expect(await statusOf(order.id)).toBe('cancelled')
      expect(await stockOf(payload, product.id)).toBe(50)
    })

    it('never cancels an order paid at the same moment', async () => {
      const product = await createProduct(payload, { stock: 50 })
      const orders = await Promise.all(
        Array.from({ length: 6 }, () =>
          placeOrder(payload, customer, [{ product: product.id, quantity: 1 }]),
        ),
      )
      for (const order of orders) await age(order.id, 72)
      await Promise.allSettled(
        orders.flatMap((order) => [
          setOrderStatus(payload, order.id, 'paid'),
          cancelLater(order.id),
        ]),
      )
      let held = 0
      for (const order of orders) {
        const status = await statusOf(order.id)
        expect(['paid', 'cancelled']).toContain(status)
        if (status === 'paid') held += 1
      }
      // Paid orders hold their unit; cancelled ones gave it back; none both.
      expect(await stockOf(payload, product.id)).toBe(50 - held)
    })
  })
})
