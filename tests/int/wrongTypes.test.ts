import type { CollectionSlug, FlattenedField, Payload } from 'payload'

import { NUL_MESSAGE } from '../../src/lib/limits/inputProblems'
import { MAX_ORDER_LINES } from '../../src/lib/orderLimits'
import { closePayload, initPayload } from '../helpers/payload'
import {
  createMedia,
  createProduct,
  createUser,
  stockOf,
  testAddress,
  type TestUser,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'

/** Values of the wrong type (or that no column can hold) for each kind of field. */
const WRONG_VALUES: Record<string, unknown[]> = {
  text: [{}, [], 42, true, 'nul\u0000byte'],
  textarea: [{}, [], 42, 'nul\u0000byte'],
  email: [{}, [], 42, 'nul\u0000@example.com'],
  number: ['cheap', {}, [], 'NaN', 'Infinity', '1e999', 1e308, Infinity, true],
  checkbox: [{}, [], 'maybe', 42],
  select: [{}, 42, ['pending'], 'no-such-option', 'nul\u0000'],
  date: [{}, [], 'not a date', true],
  relationship: [{}, 'abc', [[]], true, 'nul\u0000'],
  upload: [{}, 'abc', [[]], true],
  array: [{}, 'x', [42], [null], [[]]],
  group: ['x', 42, []],
  richText: ['x', 42, [], { root: 'x' }, { root: { children: 'x' } }],
  json: ['nul\u0000', { key: 'nul\u0000' }],
  point: ['x', [1], ['a', 'b']],
}

/** Every field a caller can name, with its path (named groups and arrays recurse one level). */
const fieldsOf = (fields: FlattenedField[], prefix = ''): Array<[string, FlattenedField]> =>
  fields.flatMap((field): Array<[string, FlattenedField]> => {
    const path = `${prefix}${field.name}`
    if (field.type === 'group' && !prefix)
      return [[path, field], ...fieldsOf(field.flattenedFields, `${path}.`)]
    return [[path, field]]
  })

const withValue = (base: Record<string, unknown>, path: string, value: unknown) => {
  const [head, tail] = path.split('.')
  if (!tail) return { ...base, [head]: value }
  return { ...base, [head]: { ...(base[head] as object), [tail]: value } }
}

describe('malformed input', () => {
  let payload: Payload
  let admin: TestUser
  let customer: TestUser
  const base: Partial<
    Record<CollectionSlug, { data: Record<string, unknown>; id: number; user: () => TestUser }>
  > = {}

  beforeAll(async () => {
    payload = await initPayload()
    admin = await createUser(payload, ['admin'])
    customer = await createUser(payload, ['customer'])
    const product = await createProduct(payload, { stock: 50 })
    const media = await createMedia(payload, admin)
    base.products = {
      data: { brand: 'Acme', model: 'Typed', price: 5, stock: 1 },
      id: product.id,
      user: () => admin,
    }
    base.users = {
      data: {
        username: 'typed_user',
        email: 'typed@example.com',
        password: 'Test-pass-123',
        roles: ['customer'],
      },
      id: customer.id,
      user: () => admin,
    }
    base.categories = {
      data: { name: 'Typed' },
      id: (
        await payload.create({ collection: 'categories', data: { name: 'Typed base' } as never })
      ).id,
      user: () => admin,
    }
    base.media = { data: { alt: 'x' }, id: media.id, user: () => admin }
    const order = await payload.create({
      collection: 'orders',
      data: {
        items: [{ product: product.id, quantity: 1 }],
        shippingAddress: testAddress,
      } as never,
      user: customer,
      overrideAccess: false,
    })
    base.orders = {
      data: { items: [{ product: product.id, quantity: 1 }], shippingAddress: testAddress },
      id: order.id,
      user: () => customer,
    }
    const other = await createProduct(payload, { stock: 5 })
    const review = await payload.create({
      collection: 'reviews',
      data: { product: product.id, rating: 4, body: 'ok' } as never,
      user: customer,
      overrideAccess: false,
    })
    base.reviews = {
      data: { product: other.id, rating: 4, body: 'fine' },
      id: review.id,
      user: () => customer,
    }
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  it.each(['users', 'media', 'categories', 'products', 'reviews', 'orders'] as CollectionSlug[])(
    'answers a wrong type in any field of %s with a 4xx, never a 500, on create and update',
    async (slug) => {
      const fixture = base[slug]!
      const collection = payload.collections[slug].config
      const outcomes: string[] = []
      for (const [path, field] of fieldsOf(collection.flattenedFields)) {
        for (const value of WRONG_VALUES[field.type] ?? []) {
          for (const operation of ['create', 'update'] as const) {
            const options = {
              collection: slug,
              user: fixture.user(),
              overrideAccess: false,
              depth: 0,
            }
            const call =
              operation === 'create'
                ? payload.create({
                    ...options,
                    data: withValue(fixture.data, path, value) as never,
                  })
                : payload.update({
                    ...options,
                    id: fixture.id,
                    data: withValue({}, path, value) as never,
                  })
            const outcome = await call.then(
              () => 'stored',
              (error: { status?: number }) => String(error.status ?? 500),
            )
            // 'stored': the value was dropped (a field this user may not write, or server-set).
            if (outcome === '500')
              outcomes.push(`${operation} ${path}=${JSON.stringify(value)}: ${outcome}`)
          }
        }
      }
      expect(outcomes).toEqual([])
    },
  )

  describe('bad input named in the issue', () => {
    const acting = (user: TestUser) => ({ user, overrideAccess: false, depth: 0 })

    it.each([
      ['price', 'cheap'],
      ['price', {}],
      ['price', 'NaN'],
      ['price', 'Infinity'],
      ['price', '1e999'],
      ['price', 1e308],
      ['price', Infinity],
      ['discount', {}],
      ['discount', 'NaN'],
      ['discount', 'Infinity'],
      ['discount', '1e999'],
      ['discount', 1e308],
    ])(
      'refuses a product %s of %p with 400 naming it, on create and update',
      async (field, value) => {
        const created = await failureOf(
          payload.create({
            collection: 'products',
            data: { brand: 'Acme', model: 'Priced', price: 5, stock: 1, [field]: value } as never,
            ...acting(admin),
          }),
        )
        expect(created).toMatchObject({ status: 400, paths: [field] })
        const product = await createProduct(payload, { price: 7, discount: 10 })
        const updated = await failureOf(
          payload.update({
            collection: 'products',
            id: product.id,
            data: { [field]: value },
            ...acting(admin),
          }),
        )
        expect(updated).toMatchObject({ status: 400, paths: [field] })
        const stored = await payload.findByID({ collection: 'products', id: product.id, depth: 0 })
        expect(stored).toMatchObject({ price: 7, discount: 10, finalPrice: 6.3 })
      },
    )

    it('refuses a NUL character in a product model, category name, review title and order notes', async () => {
      const product = await createProduct(payload, { stock: 5 })
      const attempts = [
        payload.update({
          collection: 'products',
          id: product.id,
          data: { model: 'A\u0000B' },
          ...acting(admin),
        }),
        payload.create({
          collection: 'categories',
          data: { name: 'Nul\u0000' } as never,
          ...acting(admin),
        }),
        payload.create({
          collection: 'reviews',
          data: { product: product.id, rating: 5, title: 'Great\u0000', body: 'ok' } as never,
          ...acting(customer),
        }),
        payload.create({
          collection: 'orders',
          data: {
            items: [{ product: product.id, quantity: 1 }],
            shippingAddress: testAddress,
            notes: 'Leave at the door\u0000',
          } as never,
          ...acting(customer),
        }),
      ]
      const failures = []
      for (const attempt of attempts) failures.push(await failureOf(attempt))
      expect(failures.map(({ status, paths }) => [status, paths])).toEqual([
        [400, ['model']],
        [400, ['name']],
        [400, ['title']],
        [400, ['notes']],
      ])
      expect(failures.every(({ messages }) => messages[0] === NUL_MESSAGE)).toBe(true)
      expect(await stockOf(payload, product.id)).toBe(5)
    })

    it.each([
      ['username', ['alice', 'bob']],
      ['username', { $ne: '' }],
      ['email', ['a@example.com']],
      ['email', { toString: 'x' }],
      ['password', { length: 12 }],
    ])('refuses a sign-up %s of %p with 400 naming it', async (field, value) => {
      const failure = await failureOf(
        payload.create({
          collection: 'users',
          data: {
            username: 'typed_signup',
            email: 'typed-signup@example.com',
            password: 'Test-pass-123',
            [field]: value,
          } as never,
          overrideAccess: false,
        }),
      )
      expect(failure).toMatchObject({ status: 400, paths: [field] })
      expect(
        (
          await payload.count({
            collection: 'users',
            where: { username: { equals: 'typed_signup' } },
          })
        ).totalDocs,
      ).toBe(0)
    })

    it.each([
      [
        'login',
        () =>
          payload.login({
            collection: 'users',
            data: { email: 'a\u0000@example.com', password: 'x' },
          }),
      ],
      [
        'forgot-password',
        () =>
          payload.forgotPassword({ collection: 'users', data: { email: 'a\u0000@example.com' } }),
      ],
      [
        'reset-password',
        () =>
          payload.resetPassword({
            collection: 'users',
            data: { token: 't\u0000', password: 'Test-pass-123' },
            overrideAccess: false,
          }),
      ],
    ])('refuses a NUL character in %s credentials with 400', async (_what, attempt) => {
      const failure = await failureOf(attempt())
      expect(failure.status).toBe(400)
      expect(failure.messages).toEqual([NUL_MESSAGE])
    })

    it(`refuses an order of more than ${MAX_ORDER_LINES} lines before pricing it`, async () => {
      const product = await createProduct(payload, { stock: 50 })
      const items = Array.from({ length: MAX_ORDER_LINES + 1 }, () => ({
        product: product.id,
        quantity: 1,
      }))
      const failure = await failureOf(
        payload.create({
          collection: 'orders',
          data: { items, shippingAddress: testAddress } as never,
          ...acting(customer),
        }),
      )
      expect(failure).toMatchObject({ status: 400, paths: ['items'] })
      expect(failure.messages[0]).toBe(
        `At most ${MAX_ORDER_LINES} rows, not ${MAX_ORDER_LINES + 1}.`,
      )
      expect(await stockOf(payload, product.id)).toBe(50)
    })
  })
})
