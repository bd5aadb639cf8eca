import { sql } from '@payloadcms/db-postgres'
import type { TaskConfig } from 'payload'

import { transactionSql } from '../lib/transactionSql'
import { withTransaction } from '../lib/withTransaction'
import { cancelExpiredOrders } from '../operations/cancelExpiredOrders'
import { pendingOrderTtlMs } from './settings'

/** Every ten minutes (croner syntax with seconds); queued by the runner. */
const EVERY_TEN_MINUTES = [{ cron: '0 */10 * * * *', queue: 'default' }]

/**
 * How long past its expiry a link, refresh token or session is kept: for a day an expired link
 * still answers "expired" (410), not "invalid".
 */
const GRACE_HOURS = 24
/** How long a job's sent-marker (`oncePerJob`) is kept: far longer than any job is retried. */
const MARKER_DAYS = 30

type Purged = {
  refreshTokens: number
  linkTokens: number
  sessions: number
  jobMarkers: number
}

/**
 * Deletes what has expired: refresh tokens, activation / email-change links and login sessions
 * (`users_sessions` rows) expired more than a day ago, and old job markers. Only expired rows;
 * running it twice deletes nothing more.
 */
export const purgeExpiredTask: TaskConfig<{ input: object; output: Purged }> = {
  slug: 'purgeExpired',
  schedule: EVERY_TEN_MINUTES,
  handler: async ({ req }) =>
    withTransaction(req, async () => {
      const run = await transactionSql(req)
      const count = async (query: ReturnType<typeof sql>) => (await run(query)).rowCount ?? 0
      const before = sql`now() - make_interval(hours => ${GRACE_HOURS})`
      return {
        output: {
          refreshTokens: await count(sql`DELETE FROM refresh_tokens WHERE expires_at < ${before}`),
          linkTokens: await count(sql`DELETE FROM activation_tokens WHERE expires_at < ${before}`),
          sessions: await count(sql`DELETE FROM users_sessions WHERE expires_at < ${before}`),
          jobMarkers: await count(
            sql`DELETE FROM job_runs_once WHERE done_at < now() - make_interval(days => ${MARKER_DAYS})`,
          ),
        },
      }
    }),
}

/** Cancels orders still pending `PENDING_ORDER_TTL` after they were placed, returning their stock. */
export const cancelExpiredOrdersTask: TaskConfig<{ input: object; output: { cancelled: number } }> =
  {
    slug: 'cancelExpiredOrders',
    schedule: EVERY_TEN_MINUTES,
    handler: async ({ req }) => ({
      output: { cancelled: await cancelExpiredOrders(req, pendingOrderTtlMs()) },
    }),
  }
