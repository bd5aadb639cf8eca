import { MAX_PAGE } from '../../src/lib/limits/clampQueryArgs'
import { api, graphql } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { testAddress, uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

type List = { docs: Array<Record<string, unknown>>; totalDocs: number; limit: number }

const STOCK_LAG_MS = 300
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('catalog over HTTP (in-memory cache)', () => {
  let server: TestServer
  let token: string
  let url: string
  const brand = uniqueWord()

  const createProduct = async (model: string, price: number, extra: object = {}) => {
    const response = await api(url, '/api/products', {
      method: 'POST',
      token,
      body: {
        brand,
        model,
        slug: `${brand}-${model}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        price,
        discount: 0,
        finalPrice: price,
        stock: 3,
        status: 'approved',
        ...extra,
      },
    })
    if (response.status !== 201) throw new Error(`create failed: ${response.text}`)
    return (response.body as { doc: { id: number } }).doc
  }

  beforeAll(async () => {
    // REDIS_URL may be set for the whole run (CI): this suite covers the in-memory store.
    server = await startTestServer({
      env: { REDIS_URL: '', RATE_LIMIT_API: '100000', CACHE_STOCK_LAG_MS: String(STOCK_LAG_MS) },
    })
    url = server.url
    token = await registerAdmin(url)
    for (let index = 0; index < 25; index += 1) await createProduct(`Model ${index}`, 100 + index)
  })

  afterAll(async () => {
    await server?.stop()
  })

  describe('search endpoint', () => {
    it('routes /api/products/search to the search, not to a product id', async () => {
      const response = await api(url, `/api/products/search?query=${brand}%20under%20110`)
      expect(response.status).toBe(200)
      const body = response.body as List & { facets: { brands: unknown; price: unknown } }
      expect(body.totalDocs).toBe(11)
      expect(body.facets.brands).toEqual([{ value: brand, count: 11 }])
      expect(body.facets.price).toEqual({ min: 100, max: 110 })
    })

    it('answers malformed parameters with 400 in Payload’s error shape', async () => {
      const response = await api(url, '/api/products/search?minPrice=abc')
      expect(response.status).toBe(400)
      expect(response.body).toEqual({ errors: [{ message: 'minPrice must be a number ≥ 0' }] })
    })

    it('answers a category id or page no query can use with 400, not a 500', async () => {
      const category = await api(url, '/api/products/search?category=99999999999')
      expect(category.status).toBe(400)
      expect(category.body).toEqual({
        errors: [{ message: 'category 99999999999 is not a valid id' }],
      })
      const page = await api(url, '/api/products/search?page=100000000000000000000')
      expect(page.status).toBe(400)
      expect(page.body).toEqual({ errors: [{ message: `page must be ≤ ${MAX_PAGE}` }] })
    })

    it('offers the same search through GraphQL', async () => {
      const response = await graphql(
        url,
        `{ searchProducts(query: "${brand} 100-102", sort: price_desc) {
             totalDocs docs { model finalPrice } facets { brands { value count } price { min max } }
           } }`,
      )
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        data: {
          searchProducts: {
            totalDocs: 3,
            docs: [
              { model: 'Model 2', finalPrice: 102 },
              { model: 'Model 1', finalPrice: 101 },
              { model: 'Model 0', finalPrice: 100 },
            ],
            facets: { brands: [{ value: brand, count: 3 }], price: { min: 100, max: 102 } },
          },
        },
      })
    })
  })

  describe('limits', () => {
    it('clamps REST limit to 100, and limit=0 or pagination=false to the default page', async () => {
      const big = (await api(url, '/api/products?limit=1000')).body as List
      expect(big.limit).toBe(100)
      expect(big.docs).toHaveLength(25)
      const zero = (await api(url, '/api/products?limit=0')).body as List
      expect(zero.docs).toHaveLength(20)
      const unpaginated = (await api(url, '/api/products?pagination=false')).body as List
      expect(unpaginated.docs).toHaveLength(20)
      const explicit = (await api(url, '/api/products?pagination=false&limit=500')).body as List
      expect(explicit.docs).toHaveLength(25)
      const users = (await api(url, '/api/users?limit=0', { token })).body as List
      expect(users.limit).toBe(20)
    })

    it('answers a page that is no page number with 400 on REST and GraphQL, not a 500', async () => {
      const rule = `page must be an integer from 1 to ${MAX_PAGE}`
      for (const page of ['-1', '0', '1.5', 'abc', '100000000000000000000']) {
        const response = await api(url, `/api/products?page=${page}`)
        expect({ page, status: response.status, body: response.body }).toEqual({
          page,
          status: 400,
          body: { errors: [{ message: rule }] },
        })
      }
      expect((await api(url, `/api/users?page=-1`, { token })).status).toBe(400)
      const last = (await api(url, `/api/products?page=${MAX_PAGE}`)).body as List
      expect(last.docs).toEqual([])
      const response = await graphql(url, '{ Products(page: -1) { totalDocs } }')
      expect((response.body as { errors: { message: string }[] }).errors[0].message).toBe(rule)
    })

    it('clamps REST depth to 2', async () => {
      let parent: number | undefined
      const word = uniqueWord()
      for (let level = 0; level < 4; level += 1) {
        const response = await api(url, '/api/categories', {
          method: 'POST',
          token,
          body: { name: `${word} ${level}`, slug: `${word}-${level}`, parent },
        })
        parent = (response.body as { doc: { id: number } }).doc.id
      }
      const product = await createProduct(`Deep ${word}`, 1, { category: parent })
      const deep = (await api(url, `/api/products/${product.id}?depth=5`)).body as {
        category: { parent: { parent: unknown } }
      }
      expect(typeof deep.category).toBe('object')
      expect(typeof deep.category.parent).toBe('object')
      expect(typeof deep.category.parent.parent).toBe('number')
    })

    it('clamps GraphQL limit to 100, and limit: 0 or pagination: false to the default', async () => {
      const response = await graphql(
        url,
        `
          {
            big: Products(limit: 1000) {
              limit
              docs {
                id
              }
            }
            zero: Products(limit: 0) {
              docs {
                id
              }
            }
            all: Products(pagination: false) {
              docs {
                id
              }
            }
          }
        `,
      )
      const data = (response.body as { data: Record<string, { limit?: number; docs: unknown[] }> })
        .data
      expect(data.big.limit).toBe(100)
      expect(data.zero.docs).toHaveLength(20)
      expect(data.all.docs).toHaveLength(20)
    })
  })

  describe('cache', () => {
    it('serves a repeated anonymous GET from the cache, with an ETag', async () => {
      const path = `/api/products?where[brand][equals]=${brand}&limit=5&sort=finalPrice`
      const first = await api(url, path)
      expect(first.headers.get('x-cache')).toBe('MISS')
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^".+"$/)
      const second = await api(url, path)
      expect(second.headers.get('x-cache')).toBe('HIT')
      expect(second.headers.get('etag')).toBe(etag)
      expect(second.text).toBe(first.text)
    })

    it('answers If-None-Match with 304 when the ETag matches', async () => {
      const path = `/api/products/search?query=${brand}`
      const first = await api(url, path)
      const etag = first.headers.get('etag')!
      const again = await api(url, path, { headers: { 'If-None-Match': etag } })
      expect(again.status).toBe(304)
      expect(again.text).toBe('')
      const stale = await api(url, path, { headers: { 'If-None-Match': '"other"' } })
      expect(stale.status).toBe(200)
    })

    it('bypasses the cache for authenticated requests', async () => {
      const path = `/api/categories?limit=3`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      expect((await api(url, path, { token })).headers.get('x-cache')).toBe('BYPASS')
      const withCookie = await api(url, path, { headers: { Cookie: `payload-token=${token}` } })
      expect(withCookie.headers.get('x-cache')).toBe('BYPASS')
    })

    it('never stores what a HEAD got: a GET after it gets the whole body', async () => {
      const path = `/api/products?where[brand][equals]=${brand}&limit=4`
      const head = await fetch(`${url}${path}`, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('x-cache')).toBe('BYPASS')
      const get = await api(url, path)
      expect(get.headers.get('x-cache')).toBe('MISS')
      expect(JSON.parse(get.text).docs.length).toBeGreaterThan(0)
      // Once a GET stored it, a HEAD is answered from the cache, without a body.
      const cachedHead = await fetch(`${url}${path}`, { method: 'HEAD' })
      expect(cachedHead.headers.get('x-cache')).toBe('HIT')
      expect(Number(cachedHead.headers.get('content-length'))).toBe(Buffer.byteLength(get.text))
      expect(await cachedHead.text()).toBe('')
      expect((await api(url, path)).text).toBe(get.text)
    })

    it('does not cache media files', async () => {
      const response = await api(url, '/api/media/file/nothing.png')
      expect(response.headers.get('x-cache')).toBeNull()
    })

    it('shows a REST write to the very next read', async () => {
      const product = await createProduct(`Rest ${uniqueWord()}`, 50)
      const path = `/api/products/${product.id}`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      const patched = await api(url, path, { method: 'PATCH', token, body: { model: 'Renamed' } })
      expect(patched.status).toBe(200)
      const after = await api(url, path)
      expect(after.headers.get('x-cache')).toBe('MISS')
      expect((after.body as { model: string }).model).toBe('Renamed')
    })

    it('shows a GraphQL write to the very next read', async () => {
      const product = await createProduct(`Gql ${uniqueWord()}`, 60)
      const path = `/api/products/search?query=${brand}&sort=-price&limit=100`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      const mutation = await graphql(
        url,
        `mutation { updateProduct(id: ${product.id}, data: { model: "Via GraphQL" }) { id } }`,
        token,
      )
      expect(mutation.body).toEqual({ data: { updateProduct: { id: product.id } } })
      const after = (await api(url, path)).body as List
      expect(after.docs.map((doc) => doc.model)).toContain('Via GraphQL')
    })

    it('shows a category rename in cached product lists (depth 1)', async () => {
      const word = uniqueWord()
      const category = await api(url, '/api/categories', {
        method: 'POST',
        token,
        body: { name: `Before ${word}`, slug: word },
      })
      const categoryId = (category.body as { doc: { id: number } }).doc.id
      const product = await createProduct(`Cat ${word}`, 70, { category: categoryId })
      const path = `/api/products/${product.id}?depth=1`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      await api(url, `/api/categories/${categoryId}`, {
        method: 'PATCH',
        token,
        body: { name: `After ${word}` },
      })
      const after = (await api(url, path)).body as { category: { name: string } }
      expect(after.category.name).toBe(`After ${word}`)
    })

    it('shows a delete to the very next read', async () => {
      const product = await createProduct(`Gone ${uniqueWord()}`, 80)
      const path = `/api/products/${product.id}`
      await api(url, path)
      expect((await api(url, path)).status).toBe(200)
      expect((await api(url, `${path}?trash=true`, { method: 'DELETE', token })).status).toBe(200)
      expect((await api(url, path)).status).toBe(404)
    })

    const order = (product: number, quantity: number) =>
      api(url, '/api/orders', {
        method: 'POST',
        token,
        body: { items: [{ product, quantity }], shippingAddress: testAddress },
      })

    it('shows the stock an order took once the stock lag has passed', async () => {
      const product = await createProduct(`Stock ${uniqueWord()}`, 90)
      const path = `/api/products/${product.id}`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      expect((await order(product.id, 2)).status).toBe(201)
      await sleep(STOCK_LAG_MS + 100)
      const after = await api(url, path)
      expect(after.headers.get('x-cache')).toBe('MISS')
      expect((after.body as { stock: number }).stock).toBe(1)
    })

    it('shows a price change made right after an order to the very next read', async () => {
      const product = await createProduct(`Price ${uniqueWord()}`, 95)
      const path = `/api/products?where[id][equals]=${product.id}`
      await api(url, path)
      expect((await api(url, path)).headers.get('x-cache')).toBe('HIT')
      expect((await order(product.id, 1)).status).toBe(201)
      const patched = await api(url, `/api/products/${product.id}`, {
        method: 'PATCH',
        token,
        body: { price: 42 },
      })
      expect(patched.status).toBe(200)
      const after = await api(url, path)
      expect(after.headers.get('x-cache')).toBe('MISS')
      expect((after.body as List).docs[0]).toMatchObject({ price: 42, stock: 2 })
    })

    it('reports the cache in /readyz', async () => {
      const response = await api(url, '/readyz')
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ checks: { database: 'up', cache: 'memory' } })
    })
  })
})
