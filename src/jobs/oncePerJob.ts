import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionSql } from '../lib/transactionSql'
import { withTransaction } from '../lib/withTransaction'

/** What a job's preparation hands back: the send, run once the preparation committed. */
export type Send = () => Promise<void>

/**
 * Runs an email job at most once per job id, whichever runner picks the job up and however
 * often. In one transaction it inserts the job's marker row (`job_runs_once`) and runs `prepare`
 * (the link token the email carries); a second run of the job waits on the first's uncommitted
 * marker, then finds it and does nothing. The email goes out once that committed, so its link
 * works as soon as it arrives; a failed send removes the marker, so the retry sends. Resolves
 * whether it sent.
 */
export const oncePerJob = async (
  req: PayloadRequest,
  jobId: number | string,
  prepare: () => Promise<Send | undefined>,
): Promise<boolean> => {
  const id = Number(jobId)
  const send = await withTransaction(req, async () => {
    const run = await transactionSql(req)
    const { rowCount } = await run(
      sql`INSERT INTO job_runs_once (job_id) VALUES (${id}) ON CONFLICT DO NOTHING`,
    )
    return rowCount === 1 ? await prepare() : undefined
  })
  if (!send) return false
  try {
    await send()
  } catch (error) {
    await withTransaction(req, async () => {
      await (
        await transactionSql(req)
      )(sql`DELETE FROM job_runs_once WHERE job_id = ${id}`)
    })
    throw error
  }
  return true
}
