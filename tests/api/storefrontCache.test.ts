import { api } from '../helpers/apiClient'
import { createAccount, registerAdmin, sleep } from '../helpers/authClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { testAddress, uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

type Doc = { id: number; slug: string }
type Page = { status: number; headers: Headers; html: string; cache: string | null }

const redisUrl = process.env.REDIS_URL
if (!redisUrl) {
  console.warn(
    'Storefront page cache: set REDIS_URL (e.g. redis://127.0.0.1:6379) to also check a second instance sharing Redis.',
  )
}
const STOCK_LAG_MS = 300

/** The nonce of a response's Content-Security-Policy. */
const policyNonce = (headers: Headers): string | undefined =>
  /'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1]

/** The page with its nonce replaced, so two serves of the same content compare equal. */
const withoutNonce = (page: Page): string => page.html.split(policyNonce(page.headers)!).join('N')

/**
 * A page as every visitor must get it: the nonce replaced, and Next's RSC rows numbered out and
 * sorted (Next numbers them in the order they finish streaming, which varies between renders of
 * the same data under load).
 */
const renderedContent = (page: Page): string => {
  const rows: string[] = []
  const markup = withoutNonce(page).replace(
    /<script nonce="N">self\.__next_f\.push\(\[1,"([\s\S]*?)"\]\)<\/script>/g,
    (_script, data: string) => {
      rows.push(data)
      return ''
    },
  )
  const flight = rows
    .join('')
    .split('\\n')
    .map((row) => row.replace(/^[0-9a-f]+:/, '#:').replace(/\$([LQ@]?)[0-9a-f]+\b/g, '$$$1#'))
    .sort()
  return [markup, ...flight].join('\n')
}

/**
 * The storefront's page cache (src/lib/cache/pageCache.ts) over HTTP against the compiled server:
 * repeat anonymous views are hits with a fresh nonce, catalog writes show at the next request (on
 * a second instance too when Redis is there), stock within the lag, signed-in users bypass it.
 */
describe('storefront page cache', () => {
  const servers: TestServer[] = []
  let url: string
  let adminToken: string
  let category: Doc & { name: string }
  const brand = uniqueWord('brand')

  const fetchPage = async (base: string, path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers })
    const html = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      html,
      cache: response.headers.get('x-cache'),
    }
  }
  const page = (path: string, headers: Record<string, string> = {}) => fetchPage(url, path, headers)
  /** The page as every instance answers it now. */
  const everywhere = (path: string) =>
    Promise.all(servers.map((server) => fetchPage(server.url, path)))
  /** Requests the page on every instance until each has it cached (a HIT). */
  const cached = async (path: string): Promise<void> => {
    for (const server of servers) {
      await fetchPage(server.url, path)
      expect((await fetchPage(server.url, path)).cache).toBe('HIT')
    }
  }

  const write = async (method: string, path: string, body: object) => {
    const response = await api(url, path, { method, token: adminToken, body })
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${response.text}`)
    return (response.body as { doc: Doc }).doc
  }
  /** An approved product of the test's category, created by the admin. */
  const product = (model: string, extra: object = {}) => {
    const defaults = { brand, slug: uniqueWord('p'), price: 80, stock: 10 }
    return write('POST', '/api/products', { ...defaults, category: category.id, model, ...extra })
  }

  beforeAll(async () => {
    const env = {
      RATE_LIMIT_API: '100000',
      RATE_LIMIT_CREDENTIALS: '1000',
      CACHE_STOCK_LAG_MS: String(STOCK_LAG_MS),
      ...(redisUrl
        ? { REDIS_URL: redisUrl, CACHE_KEY_PREFIX: `marketplace-test:${uniqueWord()}` }
        : { REDIS_URL: '' }),
    }
    servers.push(await startTestServer({ env }))
    url = servers[0].url
    if (redisUrl) servers.push(await startTestServer({ env, databaseUrl: servers[0].databaseUrl }))
    adminToken = await registerAdmin(url)
    const name = `Gizmos ${uniqueWord('c')}`
    category = { ...(await write('POST', '/api/categories', { name })), name }
  })

  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop()
  })

  it('serves repeat anonymous views of home, category, search, product and sitemap from the cache, each with a fresh nonce in its body and its policy', async () => {
    const shown = await product('Cached Phone')
    for (const path of ['/', `/c/${category.slug}`, `/search?q=${brand}`, `/p/${shown.slug}`]) {
      const first = await page(path)
      expect({ path, status: first.status, cache: first.cache }).toEqual({
        path,
        status: 200,
        cache: 'MISS',
      })
      const again = await page(path)
      expect({ path, cache: again.cache }).toEqual({ path, cache: 'HIT' })
      const nonce = policyNonce(again.headers)
      expect(nonce).toBeTruthy()
      expect(nonce).not.toBe(policyNonce(first.headers))
      // Every script runs under the new policy; the old nonce is nowhere left.
      const scripts = [...again.html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
      expect(again.html).not.toContain(policyNonce(first.headers))
      // Next's preload header carries the nonce too.
      expect(again.headers.get('link')).toContain(`nonce="${nonce}"`)
      expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(withoutNonce(again)).toBe(withoutNonce(first))
    }
    expect((await page('/sitemap.xml')).cache).toBe('MISS')
    const sitemap = await page('/sitemap.xml')
    expect(sitemap.cache).toBe('HIT')
    expect(sitemap.headers.get('content-type')).toContain('application/xml')
    expect(sitemap.html).toContain(`/p/${shown.slug}</loc>`)
  })

  it('renders a page the same way twice apart from the nonce, so the nonce is all a cached page must change', async () => {
    const shown = await product('Twice Rendered')
    const first = await page(`/p/${shown.slug}`)
    expect(first.cache).toBe('MISS')
    // A content write that this page does not show: the next view renders afresh.
    await write('PATCH', `/api/categories/${category.id}`, { description: 'Unshown words' })
    const second = await page(`/p/${shown.slug}`)
    expect(second.cache).toBe('MISS')
    expect(renderedContent(second)).toBe(renderedContent(first))
  })

  it('keys pages by the URL with its query parameters in any order', async () => {
    await page(`/search?q=${brand}&sort=price`)
    expect((await page(`/search?sort=price&q=${brand}`)).cache).toBe('HIT')
    expect((await page(`/search?sort=-price&q=${brand}`)).cache).toBe('MISS')
  })

  it('shows a price change at the next request on every instance', async () => {
    const shown = await product('Repriced Phone', { price: 80 })
    await cached(`/p/${shown.slug}`)
    await cached(`/c/${category.slug}`)
    await write('PATCH', `/api/products/${shown.id}`, { price: 123.45 })
    for (const path of [`/p/${shown.slug}`, `/c/${category.slug}`]) {
      for (const after of await everywhere(path)) {
        expect({ path, cache: after.cache }).toEqual({ path, cache: 'MISS' })
        expect(after.html).toContain('123.45')
      }
    }
  })

  it('shows an approval at the next request, and never serves a pending product from the cache', async () => {
    const pending = await product('Pending Phone', { status: 'pending' })
    const path = `/p/${pending.slug}`
    // Pending: a 404 for everyone, never stored; staff's own view bypasses the cache.
    for (const view of [await page(path), await page(path)])
      expect({ status: view.status, cache: view.cache }).toEqual({ status: 404, cache: 'BYPASS' })
    const staff = await page(path, { Authorization: `JWT ${adminToken}` })
    expect({ status: staff.status, cache: staff.cache }).toEqual({ status: 404, cache: 'BYPASS' })
    await cached(`/c/${category.slug}`)
    expect((await page(`/c/${category.slug}`)).html).not.toContain('Pending Phone')

    await write('PATCH', `/api/products/${pending.id}`, { status: 'approved' })
    for (const after of await everywhere(path)) {
      expect({ status: after.status, cache: after.cache }).toEqual({ status: 200, cache: 'MISS' })
      expect(after.html).toContain('Pending Phone')
    }
    for (const listing of await everywhere(`/c/${category.slug}`))
      expect(listing.html).toContain(`href="${path}"`)
  })

  it.each([
    ['a rejection', { status: 'rejected', rejectionReason: 'Blurry pictures' }],
    ['a trash', { deletedAt: new Date().toISOString() }],
  ])(
    'takes a product off its page and its category at the next request after %s',
    async (_, change) => {
      const shown = await product(`Withdrawn ${uniqueWord('m')}`)
      const path = `/p/${shown.slug}`
      await cached(path)
      await cached(`/c/${category.slug}`)
      await write('PATCH', `/api/products/${shown.id}`, change)
      for (const after of await everywhere(path)) expect(after.status).toBe(404)
      for (const listing of await everywhere(`/c/${category.slug}`)) {
        expect(listing.cache).toBe('MISS')
        expect(listing.html).not.toContain(`href="${path}"`)
      }
    },
  )

  it('shows a category rename at the next request, on its page and in the navigation', async () => {
    await cached(`/c/${category.slug}`)
    await cached('/')
    const renamed = `Renamed ${uniqueWord('c')}`
    await write('PATCH', `/api/categories/${category.id}`, { name: renamed })
    category.name = renamed
    for (const path of [`/c/${category.slug}`, '/'])
      for (const after of await everywhere(path)) {
        expect({ path, cache: after.cache }).toEqual({ path, cache: 'MISS' })
        expect(after.html).toContain(renamed)
      }
  })

  it('shows the stock an order left once the stock lag has passed', async () => {
    const shown = await product('Stocked Phone', { stock: 3 })
    const path = `/p/${shown.slug}`
    await cached(path)
    expect((await page(path)).html).toContain('Only 3 left in stock')
    const placed = await api(url, '/api/orders', {
      method: 'POST',
      token: adminToken,
      body: { items: [{ product: shown.id, quantity: 2 }], shippingAddress: testAddress },
    })
    expect(placed.status).toBe(201)
    await sleep(STOCK_LAG_MS + 100)
    for (const after of await everywhere(path)) {
      expect(after.cache).toBe('MISS')
      expect(after.html).toContain('Only 1 left in stock')
    }
  })

  it('renders afresh for signed-in users (cookie or Authorization), without storing their page', async () => {
    const customer = await createAccount(url, adminToken, ['customer'])
    const shown = await product('Personal Phone')
    const path = `/p/${shown.slug}`
    const credentials: Record<string, string>[] = [
      // As a browser sends it (Payload takes the cookie of a same-origin request only).
      { Cookie: `payload-token=${customer.token}`, 'Sec-Fetch-Site': 'same-origin' },
      { Authorization: `JWT ${customer.token}` },
    ]
    for (const headers of credentials) {
      for (const view of [await page(path, headers), await page(path, headers)]) {
        expect(view.cache).toBe('BYPASS')
        expect(view.html).toContain('Signed in as')
        expect(view.html).toContain(customer.username)
      }
    }
    const anonymous = await page(path)
    expect(anonymous.cache).toBe('MISS')
    expect(anonymous.html).not.toContain(customer.username)
    expect(anonymous.html).toContain('Sign in')
  })

  it('does not keep a 404: a product created under the slug shows at the next request', async () => {
    const slug = uniqueWord('later')
    for (const view of [await page(`/p/${slug}`), await page(`/p/${slug}`)])
      expect({ status: view.status, cache: view.cache }).toEqual({ status: 404, cache: 'BYPASS' })
    await product('Late Phone', { slug })
    const after = await page(`/p/${slug}`)
    expect({ status: after.status, cache: after.cache }).toEqual({ status: 200, cache: 'MISS' })
  })

  it("leaves Next's RSC requests and other pages to Next", async () => {
    expect((await page('/', { RSC: '1' })).cache).toBe('BYPASS')
    await page('/cart')
    expect((await page('/cart')).cache).toBeNull()
  })

  describeInBrowser('the page cache browser check')('in headless Chromium', () => {
    it('runs the scripts of a cached page: no CSP refusal, and the cart button works', async () => {
      const shown = await product('Hydrated Phone')
      const path = `/p/${shown.slug}`
      await cached(path)
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems: string[] = []
        tab.on('pageerror', (error) => problems.push(String(error)))
        tab.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text())
        })
        const response = await tab.goto(`${url}${path}`)
        expect(response?.headers()['x-cache']).toBe('HIT')
        // The outcome comes from the hydrated form's handler; without scripts the form reloads.
        await tab.getByRole('button', { name: 'Add to cart' }).click()
        await tab.getByText('Added 1 × ').waitFor()
        expect(problems).toEqual([])
      })
    })
  })
})
