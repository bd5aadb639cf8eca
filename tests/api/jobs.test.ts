/**
 * The jobs queue in the production processes: the web server runs it by default
 * (`JOBS_AUTORUN`), or a `npm run worker` process does while the web runs with
 * `JOBS_AUTORUN=false`; with both at once (a misconfiguration), each email still goes out once.
 */
import pg from 'pg'

import { activationTokenIn, settledEmailsTo, waitForEmails } from '../helpers/outbox'
import { registerFirstAdmin, signUp, sleep } from '../helpers/authClient'
import { spawnJobRunner } from '../helpers/jobRunner'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** `npm run worker` on the given database. */
const startWorker = (databaseUrl: string, publicUrl: string) =>
  spawnJobRunner({ DATABASE_URL: databaseUrl, PUBLIC_URL: publicUrl })

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

const queuedEmailJobs = async (databaseUrl: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payload_jobs WHERE task_slug = 'sendActivationEmail'`,
    )
    return rows[0].n
  } finally {
    await client.end()
  }
}

describe('jobs queue processes', () => {
  it('sends the activation email of a sign-up from the web process (JOBS_AUTORUN default)', async () => {
    const server = await startTestServer()
    try {
      await registerFirstAdmin(server.url)
      const account = await signUp(server.url)
      const [email] = await waitForEmails(account.email)
      const activated = await fetch(`${server.url}/api/users/activate/${activationTokenIn(email)}`)
      expect(activated.status).toBe(200)
      expect(await settledEmailsTo(account.email, server.databaseUrl)).toHaveLength(1)
      expect(server.output()).toContain('jobs runner started')
    } finally {
      await server.stop()
    }
  })

  describe('with a worker process', () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startTestServer({ env: { JOBS_AUTORUN: 'false' } })
      await registerFirstAdmin(server.url)
    })
    afterAll(async () => {
      await server?.stop()
    })

    it('leaves jobs queued until `npm run worker` runs them, and stops cleanly', async () => {
      const account = await signUp(server.url)
      expect(server.output()).not.toContain('jobs runner started')
      // The web process does not run the queue: the job waits.
      await sleep(3000)
      expect(await queuedEmailJobs(server.databaseUrl)).toBe(1)

      const worker = startWorker(server.databaseUrl, server.url)
      try {
        const [email] = await waitForEmails(account.email)
        expect(email.subject).toBe('Activate your Marketplace account')
        expect(worker.output()).toContain('jobs runner started')
        // The worker deletes the job once it is done.
        const deadline = Date.now() + 10_000
        while ((await queuedEmailJobs(server.databaseUrl)) > 0 && Date.now() < deadline)
          await sleep(100)
        expect(await queuedEmailJobs(server.databaseUrl)).toBe(0)
      } finally {
        worker.process.kill('SIGTERM')
      }
      expect(await worker.exited).toBe(0)
      expect(worker.output()).toContain('worker stopped')
    })

    it('sends each email once with two runners on one queue (web autorun and a worker)', async () => {
      const autorun = await startTestServer({ databaseUrl: server.databaseUrl })
      const worker = startWorker(server.databaseUrl, server.url)
      try {
        await waitFor(() => worker.output().includes('jobs runner started'), 'the worker')
        const accounts = await Promise.all(
          Array.from({ length: 6 }, (_, index) => signUp(index % 2 ? autorun.url : server.url)),
        )
        for (const account of accounts) await waitForEmails(account.email)
        for (const account of accounts) {
          expect(await settledEmailsTo(account.email, server.databaseUrl)).toHaveLength(1)
        }
      } finally {
        worker.process.kill('SIGTERM')
        await worker.exited
        await autorun.stop()
      }
    })
  })
})
