import { APIError, createLocalReq, type Payload } from 'payload'

import { type CartMode, changeMyCart, readMyCart } from '../../src/operations/carts'
import { mergeCartLines } from '../../src/lib/cartLines'
import { createProduct, createUser, placeOrder, type TestUser } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

/**
 * Saved carts (collections/Carts.ts, src/operations/carts.ts): one per customer, stock-checked
 * when a line grows, a guest cart merged at sign-in, private to its owner.
 */
describe('carts', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await initPayload()
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const change = async (user: TestUser, mode: CartMode, items: unknown) =>
    changeMyCart(await createLocalReq({ user }, payload), { mode, items })

  const read = async (user: TestUser) => readMyCart(await createLocalReq({ user }, payload))

  /** The error a call fails with, as status and message. */
  const refusal = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`)
    return { status: error.status, message: error.message }
  }

  it('creates the cart on first use, adds up quantities and replaces it on set', async () => {
    const customer = await createUser(payload)
    const a = await createProduct(payload, { stock: 5 })
    const b = await createProduct(payload, { stock: 5 })
    expect(await read(customer)).toEqual({ items: [], adjusted: [] })
    await change(customer, 'add', [{ product: a.id, quantity: 2 }])
    const added = await change(customer, 'add', [
      { product: a.id, quantity: 1 },
      { product: b.id, quantity: 1 },
    ])
    expect(added.items).toEqual([
      { product: a.id, quantity: 3 },
      { product: b.id, quantity: 1 },
    ])
    expect((await read(customer)).items).toEqual(added.items)
    const set = await change(customer, 'set', [{ product: b.id, quantity: 4 }])
    expect(set.items).toEqual([{ product: b.id, quantity: 4 }])
    expect((await change(customer, 'set', [])).items).toEqual([])
    const { totalDocs } = await payload.count({
      collection: 'carts',
      where: { customer: { equals: customer.id } },
    })
    expect(totalDocs).toBe(1)
  })

  it('refuses more than the stock (409 naming the product), an out-of-stock product and unlisted ones', async () => {
    const customer = await createUser(payload)
    const few = await createProduct(payload, { brand: 'Few', model: 'Left', stock: 2 })
    const none = await createProduct(payload, { brand: 'None', model: 'Left', stock: 0 })
    const pending = await createProduct(payload, { status: 'pending' })
    await change(customer, 'add', [{ product: few.id, quantity: 2 }])
    expect(await refusal(change(customer, 'add', [{ product: few.id, quantity: 1 }]))).toEqual({
      status: 409,
      message: 'Only 2 of "Few Left" left in stock; you asked for 3',
    })
    expect(await refusal(change(customer, 'add', [{ product: none.id, quantity: 1 }]))).toEqual({
      status: 409,
      message: '"None Left" is out of stock',
    })
    expect(await refusal(change(customer, 'add', [{ product: pending.id, quantity: 1 }]))).toEqual({
      status: 400,
      message: `"Product ${pending.id}" is no longer available`,
    })
    expect(await refusal(change(customer, 'add', [{ product: few.id, quantity: 0 }]))).toEqual({
      status: 400,
      message: 'Every item needs a whole quantity of at least 1',
    })
    expect(await refusal(change(customer, 'add', [{ product: 2 ** 40, quantity: 1 }]))).toEqual({
      status: 400,
      message: 'Every item needs a product id',
    })
    expect(await refusal(change(customer, 'push' as CartMode, []))).toMatchObject({ status: 400 })
    expect((await read(customer)).items).toEqual([{ product: few.id, quantity: 2 }])
  })

  it('lets a line that the stock fell below shrink, and keeps it while another line changes', async () => {
    const customer = await createUser(payload)
    const other = await createUser(payload)
    const scarce = await createProduct(payload, { stock: 3 })
    const plenty = await createProduct(payload, { stock: 50 })
    await change(customer, 'add', [{ product: scarce.id, quantity: 3 }])
    await placeOrder(payload, other, [{ product: scarce.id, quantity: 2 }])
    const changed = await change(customer, 'set', [
      { product: scarce.id, quantity: 3 },
      { product: plenty.id, quantity: 1 },
    ])
    expect(changed.items).toHaveLength(2)
    expect((await change(customer, 'set', [{ product: scarce.id, quantity: 1 }])).items).toEqual([
      { product: scarce.id, quantity: 1 },
    ])
  })

  it('merges a guest cart: the larger quantity of a product in both, capped by stock, unavailable ones dropped', async () => {
    const customer = await createUser(payload)
    const both = await createProduct(payload, { stock: 10 })
    const capped = await createProduct(payload, { stock: 2 })
    const gone = await createProduct(payload, { stock: 5 })
    await change(customer, 'add', [{ product: both.id, quantity: 3 }])
    await payload.update({ collection: 'products', id: gone.id, data: { stock: 0 } })
    const merged = await change(customer, 'merge', [
      { product: both.id, quantity: 2 },
      { product: capped.id, quantity: 5 },
      { product: gone.id, quantity: 1 },
    ])
    expect(merged.items).toEqual([
      { product: both.id, quantity: 3 },
      { product: capped.id, quantity: 2 },
    ])
    expect(merged.adjusted).toEqual([
      { product: capped.id, wanted: 5, kept: 2 },
      { product: gone.id, wanted: 1, kept: 0 },
    ])
  })

  it('merges by the larger quantity in the pure rule too, whichever side has it', () => {
    const stock = () => 100
    expect(
      mergeCartLines(
        [{ product: 1, quantity: 1 }],
        [
          { product: 1, quantity: 4 },
          { product: 2, quantity: 1 },
        ],
        stock,
      ).lines,
    ).toEqual([
      { product: 1, quantity: 4 },
      { product: 2, quantity: 1 },
    ])
  })

  it('applies parallel adds one after the other: none is lost and one cart is made', async () => {
    const customer = await createUser(payload)
    const product = await createProduct(payload, { stock: 100 })
    await Promise.all(
      Array.from({ length: 8 }, () =>
        change(customer, 'add', [{ product: product.id, quantity: 1 }]),
      ),
    )
    expect((await read(customer)).items).toEqual([{ product: product.id, quantity: 8 }])
    const { totalDocs } = await payload.count({
      collection: 'carts',
      where: { customer: { equals: customer.id } },
    })
    expect(totalDocs).toBe(1)
  })

  it('never stops at the stock in parallel: of 6 adds of one unit with 4 in stock, 4 succeed', async () => {
    const customer = await createUser(payload)
    const product = await createProduct(payload, { stock: 4 })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        change(customer, 'add', [{ product: product.id, quantity: 1 }]),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(4)
    expect((await read(customer)).items).toEqual([{ product: product.id, quantity: 4 }])
  })

  it('is private: another customer, staff and anonymous callers neither read nor change it', async () => {
    const owner = await createUser(payload)
    const product = await createProduct(payload)
    await change(owner, 'add', [{ product: product.id, quantity: 1 }])
    const { docs } = await payload.find({
      collection: 'carts',
      where: { customer: { equals: owner.id } },
    })
    const cartId = docs[0].id
    for (const reader of [await createUser(payload), await createUser(payload, ['staff'])]) {
      const seen = await payload.find({ collection: 'carts', user: reader, overrideAccess: false })
      expect(seen.docs.map((cart) => cart.id)).not.toContain(cartId)
      const update = payload.update({
        collection: 'carts',
        id: cartId,
        data: { items: [] },
        user: reader,
        overrideAccess: false,
      })
      await expect(update).rejects.toMatchObject({ status: 403 })
    }
    const anonymous = payload.find({ collection: 'carts', overrideAccess: false })
    await expect(anonymous).rejects.toMatchObject({ status: 403 })
    const create = payload.create({
      collection: 'carts',
      data: { customer: owner.id, items: [] },
      user: owner,
      overrideAccess: false,
    })
    await expect(create).rejects.toMatchObject({ status: 403 })
    expect(await refusal(readMyCart(await createLocalReq({}, payload)))).toMatchObject({
      status: 401,
    })
  })

  it('goes with its account when the account is deleted', async () => {
    const customer = await createUser(payload)
    const product = await createProduct(payload)
    await change(customer, 'add', [{ product: product.id, quantity: 1 }])
    await payload.delete({ collection: 'users', id: customer.id })
    const { totalDocs } = await payload.count({
      collection: 'carts',
      where: { customer: { equals: customer.id } },
    })
    expect(totalDocs).toBe(0)
  })
})
