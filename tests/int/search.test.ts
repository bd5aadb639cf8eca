import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import type { Product, User } from '../../src/payload-types'
import { parseSearchParams, searchProducts } from '../../src/lib/search/searchProducts'
import { createCategory, createProduct, createUser, uniqueWord } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload

const reqFor = (user?: User): Promise<PayloadRequest> =>
  createLocalReq(user ? { user: { ...user, collection: 'users' } } : {}, payload)

const search = async (params: Record<string, unknown>, user?: User) =>
  searchProducts(await reqFor(user), parseSearchParams(params))

const ids = (docs: Product[]): number[] => docs.map((doc) => doc.id)

beforeAll(async () => {
  payload = await initPayload()
})

afterAll(async () => {
  await closePayload(payload)
})

describe('product search', () => {
  it('ranks a brand match above a description match', async () => {
    const word = uniqueWord()
    const described = await createProduct(payload, {
      brand: 'Generic',
      model: 'Case',
      description: `A sturdy case that fits the ${word} perfectly.`,
      price: 20,
    })
    const branded = await createProduct(payload, { brand: word, model: 'One', price: 500 })
    const result = await search({ query: word })
    expect(ids(result.docs)).toEqual([branded.id, described.id])
    expect(result.totalDocs).toBe(2)
  })

  it('matches word forms (english stemming) in model and description', async () => {
    const word = uniqueWord()
    const phone = await createProduct(payload, { brand: word, model: 'Phone 3', price: 300 })
    const charger = await createProduct(payload, {
      brand: 'Volt',
      model: word,
      description: 'Charges two phones at once',
      price: 30,
    })
    expect(ids((await search({ query: `${word} phones`, sort: 'price' })).docs)).toEqual([
      charger.id,
      phone.id,
    ])
    expect(ids((await search({ query: `${word} charging` })).docs)).toEqual([charger.id])
  })

  it('tolerates typos in brand and model', async () => {
    const word = uniqueWord()
    const galaxy = await createProduct(payload, {
      brand: 'Samsung',
      model: `Galaxy ${word}`,
      price: 800,
    })
    expect(ids((await search({ query: `samsng ${word}` })).docs)).toEqual([galaxy.id])
    expect(ids((await search({ query: `galxy ${word}` })).docs)).toEqual([galaxy.id])
    expect((await search({ query: `samsng ${uniqueWord()}` })).docs).toEqual([])
  })

  it('tolerates typos in a brand given by a later edit', async () => {
    const product = await createProduct(payload, { brand: 'Acme', model: 'Blender', price: 60 })
    const brand = uniqueWord('nova')
    const typo = brand.slice(0, 5) + brand.slice(6)
    expect((await search({ query: typo })).docs).toEqual([])
    await payload.update({ collection: 'products', id: product.id, data: { brand } })
    expect(ids((await search({ query: typo })).docs)).toEqual([product.id])
  })

  it('searches the category name and follows a category rename', async () => {
    const word = uniqueWord()
    const renamed = uniqueWord()
    const category = await createCategory(payload, { name: `Cat ${word}` })
    const product = await createProduct(payload, {
      brand: 'Acme',
      model: 'Gadget',
      category: category.id,
      price: 10,
    })
    expect(ids((await search({ query: word })).docs)).toEqual([product.id])
    await payload.update({
      collection: 'categories',
      id: category.id,
      data: { name: `Cat ${renamed}` },
    })
    expect(ids((await search({ query: renamed })).docs)).toEqual([product.id])
    expect((await search({ query: word })).docs).toEqual([])
  })

  it('applies price ranges from the text and from parameters to the final price', async () => {
    const word = uniqueWord()
    const prices = [100, 250, 499, 500, 900, 1500]
    for (const price of prices) {
      await createProduct(payload, { brand: word, model: `M${price}`, price })
    }
    const pricesOf = async (params: Record<string, unknown>) =>
      (await search({ ...params, sort: 'price' })).docs.map((doc) => doc.finalPrice)
    expect(await pricesOf({ query: `${word} under 500` })).toEqual([100, 250, 499, 500])
    expect(await pricesOf({ query: `${word} < $500` })).toEqual([100, 250, 499, 500])
    expect(await pricesOf({ query: `${word} 200-500` })).toEqual([250, 499, 500])
    expect(await pricesOf({ query: `${word} over 1000` })).toEqual([1500])
    expect(await pricesOf({ query: word, minPrice: '250', maxPrice: '900' })).toEqual([
      250, 499, 500, 900,
    ])
    // Text and parameters combine into the tighter range.
    expect(await pricesOf({ query: `${word} under 600`, minPrice: '300' })).toEqual([499, 500])
  })

  it('filters by brand, category id or slug, stock and rating, and sorts', async () => {
    const word = uniqueWord()
    const category = await createCategory(payload, { name: `Kind ${word}` })
    const a = await createProduct(payload, {
      brand: 'Alpha',
      model: word,
      price: 10,
      rating: 4.5,
      category: category.id,
    })
    const b = await createProduct(payload, {
      brand: 'Beta',
      model: word,
      price: 30,
      rating: 3,
      stock: 0,
    })
    const c = await createProduct(payload, {
      brand: 'Alpha',
      model: `${word} Pro`,
      price: 20,
      rating: 5,
    })
    const found = async (params: Record<string, unknown>) =>
      ids((await search({ query: word, ...params })).docs)
    expect(await found({ brand: 'alpha', sort: 'price' })).toEqual([a.id, c.id])
    expect(await found({ category: String(category.id) })).toEqual([a.id])
    expect(await found({ category: category.slug })).toEqual([a.id])
    expect(await found({ inStock: 'true', sort: '-price' })).toEqual([c.id, a.id])
    expect(await found({ inStock: 'false' })).toEqual([b.id])
    expect(await found({ minRating: '4', sort: 'rating' })).toEqual([c.id, a.id])
    expect(await found({ sort: 'newest' })).toEqual([c.id, b.id, a.id])
  })

  it('pages through results in the list shape and clamps the page size', async () => {
    const word = uniqueWord()
    for (const price of [1, 2, 3, 4, 5]) {
      await createProduct(payload, { brand: word, model: `P${price}`, price })
    }
    const second = await search({ query: word, sort: 'price', limit: '2', page: '2' })
    expect(second).toMatchObject({
      totalDocs: 5,
      limit: 2,
      page: 2,
      totalPages: 3,
      hasNextPage: true,
      hasPrevPage: true,
      nextPage: 3,
      prevPage: 1,
      pagingCounter: 3,
    })
    expect(second.docs.map((doc) => doc.finalPrice)).toEqual([3, 4])
    expect((await search({ query: word, limit: '1000' })).limit).toBe(100)
  })

  it('returns facets of the whole matching set', async () => {
    const word = uniqueWord()
    const phones = await createCategory(payload, { name: `Phones ${word}` })
    const tablets = await createCategory(payload, { name: `Tablets ${word}` })
    await createProduct(payload, { brand: 'Nova', model: word, price: 120, category: phones.id })
    await createProduct(payload, {
      brand: 'Nova',
      model: `${word} Max`,
      price: 480,
      category: phones.id,
    })
    await createProduct(payload, { brand: 'Orbit', model: word, price: 300, category: tablets.id })
    const result = await search({ query: word, limit: '1' })
    expect(result.docs).toHaveLength(1)
    expect(result.facets).toEqual({
      brands: [
        { value: 'Nova', count: 2 },
        { value: 'Orbit', count: 1 },
      ],
      categories: [
        { id: phones.id, slug: phones.slug, name: phones.name, count: 2 },
        { id: tablets.id, slug: tablets.slug, name: tablets.name, count: 1 },
      ],
      price: { min: 120, max: 480 },
    })
  })

  it('lists the catalog with facets for an empty query, and never lists trashed products', async () => {
    const word = uniqueWord()
    const kept = await createProduct(payload, { brand: word, model: 'Kept', price: 5 })
    const trashed = await createProduct(payload, { brand: word, model: 'Trashed', price: 6 })
    await payload.update({
      collection: 'products',
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
    })
    const result = await search({ brand: word })
    expect(ids(result.docs)).toEqual([kept.id])
    expect(result.facets.brands).toEqual([{ value: word, count: 1 }])
    const everything = await search({})
    expect(everything.totalDocs).toBeGreaterThan(1)
    expect(everything.docs.length).toBeGreaterThan(0)
  })

  it('rejects malformed parameters with 400', () => {
    for (const params of [
      { minPrice: 'abc' },
      { maxPrice: '-1' },
      { sort: 'cheapest' },
      { page: '0' },
      { limit: 'x' },
      { minRating: '9' },
      { inStock: 'maybe' },
      { query: 'x'.repeat(201) },
      { page: '100000000000000000000' },
      { category: '99999999999' },
      { brand: 'a\u0000b' },
      { query: 'phone\u0000' },
    ]) {
      expect(() => parseSearchParams(params)).toThrow(expect.objectContaining({ status: 400 }))
    }
  })

  describe("with the products collection's own read rule", () => {
    let vendor: User
    let otherVendor: User
    let staff: User
    let customer: User
    let word: string

    beforeAll(async () => {
      vendor = await createUser(payload, ['vendor'])
      otherVendor = await createUser(payload, ['vendor'])
      staff = await createUser(payload, ['staff'])
      customer = await createUser(payload, ['customer'])
      word = uniqueWord()
      const mine = { owner: vendor.id }
      const theirs = { owner: otherVendor.id }
      await createProduct(payload, { brand: word, model: 'Approved', price: 10, ...theirs })
      await createProduct(payload, {
        brand: word,
        model: 'Mine pending',
        price: 20,
        status: 'pending',
        ...mine,
      })
      await createProduct(payload, {
        brand: word,
        model: 'Theirs pending',
        price: 30,
        status: 'pending',
        ...theirs,
      })
      await createProduct(payload, {
        brand: word,
        model: 'Rejected',
        price: 40,
        status: 'rejected',
        ...theirs,
      })
    })

    const listed = async (user?: User) => {
      const found = await payload.find({
        collection: 'products',
        where: { brand: { equals: word } },
        overrideAccess: false,
        user: user ? { ...user, collection: 'users' } : undefined,
        sort: 'finalPrice',
      })
      return { ids: ids(found.docs), totalDocs: found.totalDocs }
    }

    const cases: Array<[string, () => User | undefined, string[]]> = [
      ['anonymous', () => undefined, ['Approved']],
      ['a customer', () => customer, ['Approved']],
      ['a vendor', () => vendor, ['Approved', 'Mine pending']],
      ['staff', () => staff, ['Approved', 'Mine pending', 'Theirs pending', 'Rejected']],
    ]
    it.each(cases)('shows %s exactly what the products list shows', async (_who, who, models) => {
      const user = who()
      const result = await search({ query: word, sort: 'price' }, user)
      expect(result.docs.map((doc) => doc.model)).toEqual(models)
      expect({ ids: ids(result.docs), totalDocs: result.totalDocs }).toEqual(await listed(user))
      expect(result.facets.brands).toEqual([{ value: word, count: models.length }])
      // An empty text query has the same visibility.
      expect((await search({ brand: word }, user)).totalDocs).toBe(models.length)
    })
  })
})
