import type { Payload } from 'payload'

import type { User } from '@/payload-types'
import { PASSWORD, unique } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await initPayload()
})

afterAll(async () => {
  await closePayload(payload)
})

it('makes exactly one of several simultaneous sign-ups on an empty database the admin', async () => {
  expect((await payload.count({ collection: 'users' })).totalDocs).toBe(0)
  const created = await Promise.all(
    Array.from({ length: 4 }, () => {
      const suffix = unique()
      return payload.create({
        collection: 'users',
        data: {
          username: `first_${suffix}`,
          email: `first-${suffix}@example.com`,
          password: PASSWORD,
        } as User,
        overrideAccess: false,
      })
    }),
  )
  const { docs } = await payload.find({
    collection: 'users',
    where: { id: { in: created.map((user) => user.id) } },
    pagination: false,
  })
  expect(docs).toHaveLength(4)
  expect(docs.filter((user) => user.roles.includes('admin'))).toHaveLength(1)
})
