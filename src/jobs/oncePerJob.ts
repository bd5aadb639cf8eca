import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionSql } from '../lib/transactionSql'
import { withTransaction } from '../lib/withTransaction'

/**
 * Runs `work` (an email: the token it carries and the send) in a transaction of its own, at most
 * once per job, whichever runner picks the job up and however often: the job's marker row in
 * `job_runs_once` is inserted first and commits with the work. A second run of the job waits on
 * the first's uncommitted marker, then finds it and does nothing; a run that fails rolls its
 * marker back with everything else, so the retry does the work. Resolves whether it ran `work`.
 */
export const oncePerJob = async (
  req: PayloadRequest,
  jobId: number | string,
  work: () => Promise<void>,
): Promise<boolean> =>
  withTransaction(req, async () => {
    const run = await transactionSql(req)
    const { rowCount } = await run(
      sql`INSERT INTO job_runs_once (job_id) VALUES (${Number(jobId)}) ON CONFLICT DO NOTHING`,
    )
    if (rowCount !== 1) return false
    await work()
    return true
  })
