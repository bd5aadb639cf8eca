import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export type OutboxEmail = {
  to: string[]
  subject: string
  html: string
  text?: string
  sentAt: string
}

const defaultDataDir = () => process.env.DATA_DIR ?? '.data'

/**
 * Every email the dev adapter wrote for `address`, oldest first, in the outbox of `dataDir` (the
 * `DATA_DIR` of the process that sent it; this process's own by default).
 */
export const emailsTo = (address: string, dataDir = defaultDataDir()): OutboxEmail[] => {
  const dir = path.join(dataDir, 'outbox')
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as OutboxEmail)
    .filter((email) => email.to.map((to) => to.toLowerCase()).includes(address.toLowerCase()))
}

/**
 * Waits until `address` has received at least `count` emails and returns them. Emails go out
 * from the jobs queue, which the runner polls every second: a request's email arrives a moment
 * after its answer.
 */
export const waitForEmails = async (
  address: string,
  count = 1,
  { dataDir = defaultDataDir(), timeoutMs = 20_000 } = {},
): Promise<OutboxEmail[]> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const emails = emailsTo(address, dataDir)
    if (emails.length >= count) return emails
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} email(s) to ${address}, found ${emails.length}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Email jobs (`send…` tasks) of the queue in `databaseUrl` that have not finished. */
const emailJobsLeft = async (databaseUrl: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ left: number }>(
      `SELECT count(*)::int AS left FROM payload_jobs
        WHERE task_slug::text LIKE 'send%' AND completed_at IS NULL AND NOT coalesce(has_error, false)`,
    )
    return rows[0].left
  } finally {
    await client.end()
  }
}

/**
 * Every email `address` received once the jobs queue in `databaseUrl` (the server's, or a Local
 * API test's own `DATABASE_URL`) has no email job left to run: for asserting that a request sent
 * no email, or no more than some number. Fails after 20 s of a queue that does not drain.
 */
export const settledEmailsTo = async (
  address: string,
  databaseUrl = process.env.DATABASE_URL,
  dataDir = defaultDataDir(),
): Promise<OutboxEmail[]> => {
  if (!databaseUrl) throw new Error('settledEmailsTo needs the database of the jobs queue')
  const deadline = Date.now() + 20_000
  while ((await emailJobsLeft(databaseUrl)) > 0) {
    if (Date.now() > deadline) throw new Error('the jobs queue still has email jobs after 20 s')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return emailsTo(address, dataDir)
}

/** The activation token in an activation email's link. */
export const activationTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/api\/users\/activate\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no activation link in: ${email.html}`)
  return match[1]
}

/** The reset token in a forgot-password email. */
export const resetTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/admin\/reset\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no reset link in: ${email.html}`)
  return match[1]
}

/** The token in an email-change confirmation's link. */
export const emailChangeTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/api\/users\/confirm-email\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no email confirmation link in: ${email.html}`)
  return match[1]
}
