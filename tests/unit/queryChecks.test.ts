import type { FlattenedField, Payload } from 'payload'

import {
  hasNulByte,
  idFilterProblem,
  isIdPath,
  queryProblem,
  sortProblem,
  whereProblem,
} from '../../src/lib/queryChecks'

// A small sanitized config: products (owned by a user, in a category, with tagged lines) and users.
const field = (spec: Record<string, unknown>) => spec as unknown as FlattenedField

const users: FlattenedField[] = [
  field({ name: 'email', type: 'email' }),
  field({ name: 'salt', type: 'text', hidden: true }),
  field({ name: 'fullName', type: 'text', virtual: true }),
]

const products: FlattenedField[] = [
  field({ name: 'brand', type: 'text' }),
  field({ name: 'price', type: 'number' }),
  field({ name: 'available', type: 'checkbox' }),
  field({ name: 'description', type: 'richText' }),
  field({
    name: 'status',
    type: 'select',
    options: [{ label: 'Pending', value: 'pending' }, 'approved'],
  }),
  field({ name: 'tags', type: 'select', hasMany: true, options: ['new', 'sale'] }),
  field({ name: 'owner', type: 'relationship', relationTo: 'users' }),
  field({ name: 'category', type: 'relationship', relationTo: 'categories' }),
  field({ name: 'related', type: 'relationship', relationTo: ['users', 'products'] }),
  field({
    name: 'items',
    type: 'array',
    flattenedFields: [
      field({ name: 'product', type: 'relationship', relationTo: 'products' }),
      field({ name: 'quantity', type: 'number' }),
    ],
  }),
]

const payload = {
  collections: {
    users: { config: { flattenedFields: users } },
    products: { config: { flattenedFields: products } },
  },
} as unknown as Payload

const where = (value: unknown) => whereProblem(payload, products, value)
const sort = (value: unknown) => sortProblem(payload, products, value)

describe('hasNulByte', () => {
  it('finds a NUL byte in strings, lists and objects, keys included', () => {
    expect(hasNulByte('a\u0000b')).toBe(true)
    expect(hasNulByte(['ok', ['x\u0000']])).toBe(true)
    expect(hasNulByte({ 'k\u0000': 'v' })).toBe(true)
    expect(hasNulByte({ k: { deeper: '\u0000' } })).toBe(true)
    expect(hasNulByte({ k: ['fine', 1, null] })).toBe(false)
    expect(hasNulByte(42)).toBe(false)
  })
})

describe('whereProblem', () => {
  it('accepts well-formed conditions, nested in and/or', () => {
    expect(where({ brand: { like: 'Ac' } })).toBeUndefined()
    expect(
      where({
        or: [{ price: { greater_than: 5 } }, { and: [{ status: { in: 'pending,approved' } }] }],
      }),
    ).toBeUndefined()
    expect(where({ 'owner.email': { equals: 'a@b.c' } })).toBeUndefined()
    expect(where({ 'items.quantity': { less_than: 3 } })).toBeUndefined()
    expect(where({ tags: { all: ['new'] } })).toBeUndefined()
    expect(where({ unknownField: { equals: 1 } })).toBeUndefined()
  })

  it('refuses a where that is no object, and/or that is no list, a condition without operator', () => {
    const notObject = 'where must be an object of conditions, e.g. where[brand][equals]=Acme'
    expect(where('brand')).toBe(notObject)
    expect(where([{ brand: { equals: 'x' } }])).toBe(notObject)
    expect(where({ and: { brand: { equals: 'x' } } })).toBe(
      'where[and] must be a list of conditions',
    )
    expect(where({ or: [{ brand: 'Acme' }] })).toBe(
      'The condition on "brand" must be an operator and a value, e.g. where[brand][equals]=…',
    )
  })

  it('refuses hidden and virtual fields through any relationship path', () => {
    expect(where({ 'owner.salt': { exists: true } })).toBe(
      'The following path cannot be queried: owner.salt',
    )
    expect(where({ 'owner.fullName': { equals: 'x' } })).toBe(
      'The following path cannot be queried: owner.fullName',
    )
  })

  it('refuses an operator the field type does not answer', () => {
    expect(where({ available: { like: 'x' } })).toBe(
      'The operator "like" does not apply to "available" (a checkbox field); use one of: equals, not_equals, exists',
    )
    expect(where({ description: { equals: 'x' } })).toBe(
      'The operator "equals" does not apply to "description" (a richText field); use one of: exists',
    )
    expect(where({ status: { all: ['pending'] } })).toMatch(/^The operator "all" does not apply/)
  })

  it('refuses select values outside the options, but not null or exists', () => {
    expect(where({ status: { in: 'pending,sold' } })).toBe(
      '"sold" is not a valid value for "status"; use one of: pending, approved',
    )
    expect(where({ status: { equals: 'null' } })).toBeUndefined()
    expect(where({ status: { equals: null } })).toBeUndefined()
    expect(where({ status: { exists: 'maybe' } })).toBeUndefined()
  })

  it('refuses NUL bytes in paths and values, even past what the resolver follows', () => {
    expect(where({ 'br\u0000and': { equals: 'x' } })).toBe('A query path cannot contain NUL bytes')
    expect(where({ 'related.anything': { equals: 'a\u0000' } })).toBe(
      'The value for "related.anything" cannot contain NUL bytes',
    )
  })

  it('answers the first problem in order', () => {
    expect(
      where({ brand: { equals: 'ok' }, available: { like: 'x' }, description: { equals: 1 } }),
    ).toMatch(/"available"/)
  })
})

describe('sortProblem', () => {
  it('accepts paths, descending paths, comma-separated and listed paths', () => {
    expect(sort('-price')).toBeUndefined()
    expect(sort('brand, -owner.email')).toBeUndefined()
    expect(sort(['price', 'owner__email'])).toBeUndefined()
  })

  it('refuses hidden fields (also as owner__salt), non-paths and NUL bytes', () => {
    expect(sort('-owner.salt')).toBe('"owner.salt" cannot be used to sort')
    expect(sort('brand,owner__salt')).toBe('"owner.salt" cannot be used to sort')
    expect(sort([1])).toBe('sort must be a field path or a list of them')
    expect(sort({ brand: 'asc' })).toBe('sort must be a field path or a list of them')
    expect(sort('bra\u0000nd')).toBe('sort cannot contain NUL bytes')
  })
})

describe('queryProblem', () => {
  it('checks the where first, then the sort, and skips what is absent or empty', () => {
    const bad = { where: { available: { like: 'x' } }, sort: 'owner.salt' }
    expect(queryProblem(payload, products, bad)).toMatch(/^The operator "like"/)
    expect(queryProblem(payload, products, { sort: 'owner.salt' })).toMatch(
      /cannot be used to sort/,
    )
    expect(queryProblem(payload, products, { where: null, sort: '' })).toBeUndefined()
    expect(queryProblem(payload, products, {})).toBeUndefined()
  })
})

describe('isIdPath', () => {
  it('is true for id, relationships, <relationship>.id and ids in arrays', () => {
    for (const path of [
      'id',
      'owner',
      'category',
      'related',
      'owner.id',
      'items.product',
      'items.id',
      'items.product.owner',
    ]) {
      expect(isIdPath(payload, products, path)).toBe(true)
    }
  })

  it('is false for other fields, unknown paths and paths it cannot follow', () => {
    for (const path of [
      'brand',
      'owner.email',
      'id.x',
      'nothing',
      'category.id',
      'related.id',
      'items',
      'brand.id',
    ]) {
      expect(isIdPath(payload, products, path)).toBe(false)
    }
  })
})

describe('idFilterProblem', () => {
  const ids = (value: Parameters<typeof idFilterProblem>[2]) =>
    idFilterProblem(payload, products, value)

  it('names the first value no serial id can be, nested in and/or', () => {
    expect(ids({ category: { equals: 'abc' } })).toBe('abc is not a valid id for "category"')
    expect(ids({ id: { in: '1,99999999999' } })).toBe('99999999999 is not a valid id for "id"')
    expect(
      ids({ or: [{ brand: { equals: 'x' } }, { and: [{ 'owner.id': { not_equals: -1 } }] }] }),
    ).toBe('-1 is not a valid id for "owner.id"')
  })

  it('accepts serial ids, null, empty strings, exists and non-id fields', () => {
    expect(ids({ id: { in: [1, '2', 3] }, owner: { equals: 'null' } })).toBeUndefined()
    expect(ids({ category: { equals: '' }, 'items.product': { exists: 'abc' } })).toBeUndefined()
    expect(ids({ brand: { equals: 'abc' }, owner: { equals: true } })).toBeUndefined()
    expect(ids({ owner: 'abc', and: [null] } as never)).toBeUndefined()
  })
})
