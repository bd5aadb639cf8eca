/**
 * `where` and `sort` validated against the config for callers (Local API with
 * `overrideAccess: false`, as REST and GraphQL run): hidden and virtual fields through any
 * relation path, operators per field type, select values, NUL bytes, malformed shapes.
 */
import type { Payload, Where } from 'payload'

import type { Product } from '@/payload-types'
import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, createUser, type TestUser } from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'

type Collection = 'products' | 'reviews' | 'media' | 'orders'

describe('query guards', () => {
  let payload: Payload
  let customer: TestUser
  let staff: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    customer = await createUser(payload, ['customer'])
    staff = await createUser(payload, ['staff'])
    await createProduct(payload, { brand: 'Zeta' })
    await createProduct(payload, { brand: 'Alpha' })
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const find = (
    collection: Collection,
    { where, sort, user }: { where?: Where; sort?: string; user?: TestUser },
  ) => payload.find({ collection, where, sort, user, overrideAccess: false, depth: 0 })

  it.each<[Collection, string]>([
    ['products', 'owner.salt'],
    ['products', '-owner.hash'],
    ['products', 'owner.resetPasswordToken'],
    ['products', 'owner.loginAttempts'],
    ['products', 'owner__lockUntil'],
    ['reviews', 'author.hash'],
    ['media', 'uploadedBy.salt'],
  ])('refuses sorting %s by the hidden field %s with 400', async (collection, sort) => {
    for (const user of [undefined, customer, staff]) {
      const failure = await failureOf(find(collection, { sort, user }))
      expect(failure.status).toBe(400)
      expect(failure.message).toMatch(/cannot be used to sort/)
    }
  })

  it('refuses filtering through a relation on hidden fields with 400', async () => {
    for (const where of <Where[]>[
      { 'owner.salt': { exists: true } },
      { 'owner.hash': { like: 'a' } },
      { or: [{ brand: { equals: 'x' } }, { 'owner.loginAttempts': { greater_than: 0 } }] },
    ]) {
      const failure = await failureOf(find('products', { where }))
      expect(failure).toMatchObject({ status: 400 })
      expect(failure.message).toMatch(/cannot be queried: owner\./)
    }
  })

  it('still sorts and filters on readable fields and relation paths', async () => {
    const sorted = await find('products', { sort: '-brand' })
    expect(sorted.docs.map((product) => (product as Product).brand)).toEqual(['Zeta', 'Alpha'])
    const filtered = await find('products', {
      where: {
        and: [
          { brand: { like: 'alp' } },
          { price: { greater_than_equal: 0 } },
          { status: { in: 'approved,pending' } },
          { description: { exists: false } },
        ],
      },
      user: staff,
    })
    expect(filtered.docs.map((product) => (product as Product).brand)).toEqual(['Alpha'])
  })

  it.each<[string, Where, RegExp]>([
    ['near on text', { brand: { near: '1,2,100' } }, /"near" does not apply to "brand"/],
    ['within on text', { brand: { within: { type: 'Polygon' } } }, /"within" does not apply/],
    ['intersects on text', { brand: { intersects: 'x' } }, /"intersects" does not apply/],
    ['all on a single value', { brand: { all: 'a,b' } }, /"all" does not apply/],
    ['like on rich text', { description: { like: 'x' } }, /"like" does not apply to "description"/],
    ['an unknown select value', { status: { equals: 'bogus' } }, /"bogus" is not a valid value/],
    ['a select value in a list', { status: { in: 'approved,bogus' } }, /"bogus" is not a valid/],
    ['a NUL byte', { brand: { equals: '\u0000' } }, /NUL/],
    ['a bare value', { brand: 'Acme' } as unknown as Where, /must be an operator and a value/],
  ])('answers %s with 400 naming the problem', async (_what, where, message) => {
    const failure = await failureOf(find('products', { where }))
    expect(failure.status).toBe(400)
    expect(failure.message).toMatch(message)
  })

  it('answers a where that is not an object with 400', async () => {
    const failure = await failureOf(find('products', { where: 'string' as unknown as Where }))
    expect(failure.status).toBe(400)
    expect(failure.message).toMatch(/where must be an object/)
  })

  it('refuses virtual fields with 400: a review author profile, an order address', async () => {
    const profile = await failureOf(
      find('reviews', { where: { 'authorProfile.username': { equals: 'x' } } }),
    )
    expect(profile.status).toBe(400)
    const address = await failureOf(
      find('orders', { where: { 'shippingAddress.city': { like: 'x' } }, user: customer }),
    )
    expect(address.status).toBe(400)
    expect(address.message).toMatch(/cannot be queried: shippingAddress\.city/)
  })
})
