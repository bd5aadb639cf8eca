import type { Payload } from 'payload'

import { cacheStore } from '../../src/lib/cache/store'
import { createProduct, uniqueWord } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
const redisUrl = process.env.REDIS_URL

beforeAll(async () => {
  // This file checks the in-process store; the shared-Redis paths are covered over HTTP.
  process.env.REDIS_URL = ''
  payload = await initPayload()
})

afterAll(async () => {
  await closePayload(payload)
  if (redisUrl === undefined) delete process.env.REDIS_URL
  else process.env.REDIS_URL = redisUrl
})

const generation = () => cacheStore().generation()

describe('catalog cache invalidation through the Local API', () => {
  it('bumps the generation after a committed write, not before the commit', async () => {
    const product = await createProduct(payload, { brand: uniqueWord(), model: 'X', price: 1 })
    const before = await generation()
    let seenInHook: number | undefined
    const hooks = payload.collections.products.config.hooks.afterChange
    const probe = async ({ doc }: { doc: unknown }) => {
      seenInHook = await generation()
      return doc
    }
    hooks.push(probe)
    try {
      await payload.update({ collection: 'products', id: product.id, data: { model: 'Y' } })
    } finally {
      hooks.splice(hooks.indexOf(probe), 1)
    }
    // Inside the transaction nothing is bumped yet; once committed, exactly once.
    expect(seenInHook).toBe(before)
    expect(await generation()).toBe(before + 1)
  })

  it('bumps on create and delete of every catalog collection it watches', async () => {
    let last = await generation()
    const category = await payload.create({
      collection: 'categories',
      data: { name: uniqueWord(), slug: uniqueWord() },
    })
    expect(await generation()).toBeGreaterThan(last)
    last = await generation()
    await payload.delete({ collection: 'categories', id: category.id })
    expect(await generation()).toBeGreaterThan(last)
  })

  it('does not bump for a write that fails and rolls back', async () => {
    const before = await generation()
    await expect(
      payload.create({ collection: 'products', data: { brand: 'No model' } as never }),
    ).rejects.toThrow()
    expect(await generation()).toBe(before)
  })
})
