/**
 * The access matrix of Payload's jobs queue: every role, admin included, through the Local API
 * with `overrideAccess: false` (what REST and GraphQL run as). Each cell asserts the exact
 * refusal, then that nothing changed in the queue.
 */
import { createLocalReq, type Payload } from 'payload'

import { type Actor, createUser, type TestUser } from '../helpers/fixtures'
import { FORBIDDEN, type Outcome, expectOutcome, settle } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

const ACTORS: Actor[] = ['anonymous', 'customer', 'vendor', 'staff', 'admin']

type Operation =
  | 'find'
  | 'findByID'
  | 'create'
  | 'update'
  | 'delete'
  | 'queue'
  | 'run'
  | 'cancel'
  | 'readStats'
  | 'writeStats'

/** The same for every actor: nothing of the queue is open to a client. */
const EXPECTED: Record<Operation, Outcome> = {
  find: FORBIDDEN,
  findByID: FORBIDDEN,
  create: FORBIDDEN,
  update: FORBIDDEN,
  delete: FORBIDDEN,
  queue: FORBIDDEN,
  run: FORBIDDEN,
  cancel: FORBIDDEN,
  readStats: FORBIDDEN,
  writeStats: FORBIDDEN,
}

describe('access matrix: jobs queue', () => {
  let payload: Payload
  const users: Partial<Record<Actor, TestUser>> = {}
  let jobId: number

  const input = { to: 'matrix@example.com', notice: 'taken-email-sign-up' as const }
  const stored = async () =>
    (
      await payload.find({
        collection: 'payload-jobs',
        depth: 0,
        pagination: false,
        overrideAccess: true,
      })
    ).docs.map(({ id, processing, hasError, totalTried }) => ({
      id,
      processing,
      hasError,
      totalTried,
    }))

  beforeAll(async () => {
    payload = await initPayload({ runJobs: false })
    for (const actor of ACTORS) {
      if (actor !== 'anonymous') users[actor] = await createUser(payload, [actor])
    }
    jobId = Number((await payload.jobs.queue({ task: 'sendNoticeEmail', input })).id)
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const call = async (operation: Operation, user: TestUser | undefined) => {
    const options = { user, overrideAccess: false as const }
    const req = await createLocalReq({ user }, payload)
    switch (operation) {
      case 'find':
        return payload.find({ collection: 'payload-jobs', ...options })
      case 'findByID':
        return payload.findByID({ collection: 'payload-jobs', id: jobId, ...options })
      case 'create':
        return payload.create({
          collection: 'payload-jobs',
          data: { taskSlug: 'sendNoticeEmail', input },
          ...options,
        })
      case 'update':
        return payload.update({
          collection: 'payload-jobs',
          id: jobId,
          data: { processing: true },
          ...options,
        })
      case 'delete':
        return payload.delete({ collection: 'payload-jobs', id: jobId, ...options })
      case 'queue':
        return payload.jobs.queue({ task: 'sendNoticeEmail', input, overrideAccess: false, req })
      case 'run':
        return payload.jobs.run({ overrideAccess: false, req })
      case 'cancel':
        return payload.jobs.cancelByID({ id: jobId, overrideAccess: false, req })
      case 'readStats':
        return payload.findGlobal({ slug: 'payload-jobs-stats', ...options })
      case 'writeStats':
        return payload.updateGlobal({ slug: 'payload-jobs-stats', data: { stats: {} }, ...options })
    }
  }

  const cells = ACTORS.flatMap((actor) =>
    (Object.keys(EXPECTED) as Operation[]).map((operation) => [actor, operation] as const),
  )

  it.each(cells)('%s · %s → 403, the queue unchanged', async (actor, operation) => {
    const before = await stored()
    expectOutcome(await settle(call(operation, users[actor])), EXPECTED[operation])
    expect(await stored()).toEqual(before)
    expect(before.map(({ id }) => id)).toContain(jobId)
  })
})
