import type { Payload } from 'payload'

import { cacheStore } from '../../src/lib/cache/store'
import {
  createProduct,
  createUser,
  placeOrder,
  setOrderStatus,
  stockOf,
  uniqueWord,
  writeReview,
} from '../helpers/fixtures'
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

const generation = async () => (await cacheStore().generations()).content
const stockGeneration = async () => (await cacheStore().generations()).stock

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

  it('marks an order as a stock change only: placing, paying and cancelling keep the content generation', async () => {
    const product = await createProduct(payload, { brand: uniqueWord(), model: 'S', stock: 5 })
    const customer = await createUser(payload)
    const content = await generation()
    let stock = await stockGeneration()
    const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 2 }])
    expect(await stockOf(payload, product.id)).toBe(3)
    expect(await stockGeneration()).toBe(stock + 1)
    stock += 1
    await setOrderStatus(payload, order.id, 'cancelled', customer)
    expect(await stockOf(payload, product.id)).toBe(5)
    expect(await stockGeneration()).toBe(stock + 1)
    expect(await generation()).toBe(content)
  })

  it('marks a change of verified purchases as content: the review badge shows at once', async () => {
    const product = await createProduct(payload, { brand: uniqueWord(), model: 'V', stock: 5 })
    const customer = await createUser(payload)
    const order = await placeOrder(payload, customer, [{ product: product.id, quantity: 1 }])
    const review = await writeReview(payload, customer, product.id, 5)
    expect(review.verifiedPurchase).toBe(false)
    const content = await generation()
    await setOrderStatus(payload, order.id, 'paid')
    const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0 })
    expect(stored.verifiedPurchase).toBe(true)
    expect(await generation()).toBe(content + 1)
    // A later move that leaves the badge as it is changes nothing the cache shows.
    const after = await generation()
    await setOrderStatus(payload, order.id, 'shipped')
    expect(await generation()).toBe(after)
  })

  it('a content change in the same transaction as stock outranks it', async () => {
    const product = await createProduct(payload, { brand: uniqueWord(), model: 'C', stock: 5 })
    const content = await generation()
    const stock = await stockGeneration()
    await payload.update({ collection: 'products', id: product.id, data: { stock: 4, price: 12 } })
    expect(await generation()).toBe(content + 1)
    expect(await stockGeneration()).toBe(stock)
  })
})
