import type { JobsConfig, SanitizedConfig } from 'payload'

import {
  sendActivationEmailTask,
  sendEmailChangeConfirmationTask,
  sendNoticeEmailTask,
  sendPasswordResetTask,
} from './emailTasks'
import { cancelExpiredOrdersTask, purgeExpiredTask } from './maintenanceTasks'
import { runnerCrons } from './runner'

const nobody = () => false

/**
 * Payload's jobs queue (`payload-jobs`, in Postgres): the emails, the purge of expired rows and
 * the cancelling of expired orders. Only trusted server code queues or runs jobs. Clients get
 * nothing: the collection's REST routes refuse every operation (Payload's own access), it is left
 * out of GraphQL, and its `/run` and `/handle-schedules` endpoints are removed, so no request can
 * make a web process a second runner (the access rules below refuse anyway). The runner is the
 * process that calls `startJobRunner` (`./runner`); in any other, `autoRun` is empty.
 */
export const jobsConfig: JobsConfig = {
  access: { run: nobody, queue: nobody, cancel: nobody },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    endpoints: [],
    graphQL: false,
  }),
  autoRun: runnerCrons,
  tasks: [
    sendActivationEmailTask,
    sendEmailChangeConfirmationTask,
    sendNoticeEmailTask,
    sendPasswordResetTask,
    purgeExpiredTask,
    cancelExpiredOrdersTask,
  ],
}

/** Payload's job-stats global (when tasks are scheduled) is open to signed-in users by default. */
export const JOB_STATS_SLUG = 'payload-jobs-stats'

/**
 * Closes Payload's job-stats global (it records when each schedule last queued its job) to every
 * client; the runner writes it with access overridden. Payload adds it while sanitizing.
 */
export const restrictJobStats = (config: SanitizedConfig): SanitizedConfig => {
  const stats = config.globals.find((global) => global.slug === JOB_STATS_SLUG)
  if (stats) stats.access = { ...stats.access, read: nobody, update: nobody, readVersions: nobody }
  return config
}
