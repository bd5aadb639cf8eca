import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

import { api, uploadFile } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { lexical, mp4Bytes, pngBytes, uniqueWord } from '../helpers/fixtures'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** Where the browser tests save their screenshots (git-ignored). */
const SCREENSHOTS = path.resolve('tests/results/storefront')

type Doc = { id: number; slug: string }

/**
 * The storefront (`/`, `/c/<slug>`, `/search`, `/p/<slug>`, sitemap, robots) served by the compiled
 * server next to /admin and /api: what it shows and hides, over HTTP and in headless Chromium.
 */
describe('storefront', () => {
  let server: TestServer
  let url: string
  let adminToken: string
  const brand = uniqueWord('brand')
  const otherBrand = uniqueWord('other')
  const hiddenWord = uniqueWord('hidden')
  const categoryName = `Gadgets ${uniqueWord('c')}`
  let category: Doc
  let shown: Doc
  let outOfStock: Doc
  let hostile: Doc
  const hidden: Record<'pending' | 'rejected' | 'trashed', Doc> = {} as never
  const hostileModel = 'Evil </script><script>alert("pwned")</script> <!-- model'

  const create = async (collection: string, body: object, token = adminToken) => {
    const response = await api(url, `/api/${collection}`, { method: 'POST', token, body })
    if (response.status !== 201) throw new Error(`create ${collection}: ${response.text}`)
    return (response.body as { doc: Doc }).doc
  }

  const product = (model: string, extra: object = {}) =>
    create('products', {
      brand,
      model,
      slug: uniqueWord('p'),
      price: 80,
      stock: 10,
      category: category.id,
      ...extra,
    })

  const login = async (email: string, password: string): Promise<string> => {
    const response = await api(url, '/api/users/login', {
      method: 'POST',
      body: { email, password },
    })
    if (response.status !== 200) throw new Error(`login: ${response.text}`)
    return (response.body as { token: string }).token
  }

  const customer = async (): Promise<string> => {
    const name = uniqueWord('cust')
    await create('users', {
      email: `${name}@example.test`,
      username: name,
      password: 'Test-pass-123',
      roles: ['customer'],
    })
    return login(`${name}@example.test`, 'Test-pass-123')
  }

  const page = async (pathname: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${pathname}`, { headers })
    return { status: response.status, headers: response.headers, html: await response.text() }
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '1000' },
    })
    url = server.url
    adminToken = await registerAdmin(url)
    category = await create('categories', { name: categoryName })
    const picture = async (alt: string) => {
      const uploaded = await uploadFile(url, {
        bytes: await pngBytes(800, 600),
        filename: `${uniqueWord('img')}.png`,
        type: 'image/png',
        data: { alt },
        token: adminToken,
      })
      if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.text}`)
      return (uploaded.body as { doc: Doc }).doc.id
    }
    const front = await picture('The front of the speaker')
    const side = await picture('The speaker from the side')
    const video = await uploadFile(url, {
      bytes: mp4Bytes(),
      filename: `${uniqueWord('vid')}.mp4`,
      type: 'video/mp4',
      token: adminToken,
    })
    if (video.status !== 201) throw new Error(`video upload: ${video.text}`)

    shown = await product('Alpha Speaker', {
      price: 200,
      discount: 25,
      stock: 4,
      images: [front, side],
      video: (video.body as { doc: Doc }).doc.id,
      description: lexical('A loud and clear speaker for small rooms.'),
    })
    outOfStock = await product('Beta Speaker', { brand: otherBrand, stock: 0 })
    hidden.pending = await product(`${hiddenWord} Pending`, { status: 'pending' })
    hidden.rejected = await product(`${hiddenWord} Rejected`, {
      status: 'rejected',
      rejectionReason: 'Blurry pictures',
    })
    hidden.trashed = await product(`${hiddenWord} Trashed`)
    const trashed = await api(url, `/api/products/${hidden.trashed.id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { deletedAt: new Date().toISOString() },
    })
    expect(trashed.status).toBe(200)
    hostile = await product(hostileModel, { brand: otherBrand })

    // A verified purchase (a paid order, then the review) and a review without an order.
    const buyer = await customer()
    const order = await api(url, '/api/orders', {
      method: 'POST',
      token: buyer,
      body: {
        items: [{ product: shown.id, quantity: 1 }],
        shippingAddress: {
          name: 'Grace Hopper',
          lines: '1 Compiler Way',
          city: 'Arlington',
          postcode: '22201',
          country: 'USA',
        },
      },
    })
    expect(order.status).toBe(201)
    const paid = await api(url, `/api/orders/${(order.body as { doc: Doc }).doc.id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { status: 'paid' },
    })
    expect(paid.status).toBe(200)
    await create('reviews', { product: shown.id, rating: 5, title: 'Great sound' }, buyer)
    await create('reviews', { product: shown.id, rating: 3, title: 'Fine' }, await customer())
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  const expectNoHiddenProducts = (html: string) => {
    expect(html).not.toContain(hiddenWord)
    for (const doc of Object.values(hidden)) expect(html).not.toContain(doc.slug)
  }

  const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1]

  describe('over HTTP', () => {
    it('serves the home page at / with categories and approved products only', async () => {
      const home = await page('/')
      expect(home.status).toBe(200)
      expect(home.headers.get('content-type')).toMatch(/^text\/html/)
      expect(home.html).toContain(categoryName)
      expect(home.html).toContain(`href="/p/${shown.slug}"`)
      expect(home.html).toContain('href="#main"')
      expectNoHiddenProducts(home.html)
      // Next writes the root URL without its trailing slash.
      expect(canonicalOf(home.html)).toBe(url)
      // The admin's policy applies: every script of the page carries this response's nonce.
      const nonce = /'nonce-([^']+)'/.exec(home.headers.get('content-security-policy') ?? '')?.[1]
      expect(nonce).toBeTruthy()
      const scripts = [...home.html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    })

    it('still serves the admin and the API beside the storefront', async () => {
      expect((await page('/admin/login')).status).toBe(200)
      expect((await api(url, '/api/categories?limit=1')).status).toBe(200)
    })

    it('lists a category with facets, filters and sorts from the URL, and hides unapproved products', async () => {
      const listing = await page(`/c/${category.slug}`)
      expect(listing.status).toBe(200)
      expect(listing.html).toContain(`<h1>${categoryName}</h1>`)
      expect(listing.html).toContain(`href="/p/${shown.slug}"`)
      expect(listing.html).toContain(`href="/p/${outOfStock.slug}"`)
      expect(listing.html).toContain(`value="${otherBrand}"`)
      expectNoHiddenProducts(listing.html)
      expect(canonicalOf(listing.html)).toBe(`${url}/c/${category.slug}`)

      const filtered = await page(`/c/${category.slug}?brand=${brand}&inStock=true&sort=-price`)
      expect(filtered.status).toBe(200)
      expect(filtered.html).toContain(`href="/p/${shown.slug}"`)
      expect(filtered.html).not.toContain(`href="/p/${outOfStock.slug}"`)
      expect(filtered.html).toContain('>1 product</h2>')
      // Filters do not make new canonical pages.
      expect(canonicalOf(filtered.html)).toBe(`${url}/c/${category.slug}`)

      expect((await page('/c/no-such-category')).status).toBe(404)
    })

    it('searches through the catalog search, typos included, and never finds unapproved products', async () => {
      const typo = brand.slice(0, 3) + brand.slice(4)
      const found = await page(`/search?q=${typo}`)
      expect(found.status).toBe(200)
      expect(found.html).toContain(`href="/p/${shown.slug}"`)
      expect(found.html).toContain('noindex')
      expect(canonicalOf(found.html)).toBe(`${url}/search?q=${typo}`)

      const none = await page(`/search?q=${hiddenWord}`)
      expect(none.status).toBe(200)
      expect(none.html).toContain('No products match')
      // The query itself is on the page (heading, search box); no product of it is.
      for (const doc of Object.values(hidden)) expect(none.html).not.toContain(doc.slug)
      expect(none.html).not.toMatch(/(Pending|Rejected|Trashed)</)

      // Staff read pending products through the API; the shop window still hides them.
      const asStaff = await page(`/search?q=${hiddenWord}`, {
        Authorization: `JWT ${adminToken}`,
      })
      expect(asStaff.html).toContain('Signed in as')
      for (const doc of Object.values(hidden)) expect(asStaff.html).not.toContain(doc.slug)
    })

    it('answers a malformed filter with the search’s message, not an error page', async () => {
      const bad = await page('/search?q=speaker&minPrice=abc')
      expect(bad.status).toBe(200)
      expect(bad.html).toContain('minPrice must be a number ≥ 0')
    })

    it('shows a product: WebP gallery, video, discounted price, stock, rating histogram and verified reviews', async () => {
      const detail = await page(`/p/${shown.slug}`)
      expect(detail.status).toBe(200)
      expect(detail.html).toContain('<h1 id="product-name">Alpha Speaker</h1>')
      expect(detail.html).toMatch(/<title>[^<]*Alpha Speaker · Marketplace<\/title>/)
      expect(detail.html).toContain('A loud and clear speaker for small rooms.')
      expect(canonicalOf(detail.html)).toBe(`${url}/p/${shown.slug}`)
      expect(detail.html).toContain('€150.00')
      expect(detail.html).toMatch(/<del[^>]*>.*€200.00<\/del>/)
      expect(detail.html).toContain('−25%')
      // The paid order holds one of the 4.
      expect(detail.html).toContain('Only 3 left in stock')

      const main = /<div class="gallery-main"><img ([^>]+)>/.exec(detail.html)?.[1] ?? ''
      expect(main).toMatch(/src="[^"]+\.webp"/)
      expect(main).toMatch(/width="\d+"/)
      expect(main).toMatch(/height="\d+"/)
      expect(main).toContain('alt="The front of the speaker"')
      expect(detail.html).toContain('aria-label="Show picture 2 of 2"')
      expect(detail.html).toMatch(/<source src="[^"]+\.mp4" type="video\/mp4"/)

      expect(detail.html).toMatch(/<th scope="row">5 stars<\/th>.*?histogram-count">1</)
      expect(detail.html).toMatch(/<th scope="row">3 stars<\/th>.*?histogram-count">1</)
      expect(detail.html).toContain('Great sound')
      // The HTML's class attributes only (the page's RSC payload repeats them as `className`).
      expect(detail.html.match(/class="badge badge-verified"/g)).toHaveLength(1)
      const verified = detail.html.indexOf('class="badge badge-verified"')
      expect(detail.html.lastIndexOf('Great sound', verified)).toBeGreaterThan(
        detail.html.lastIndexOf('Fine', verified),
      )

      const lowestFirst = await page(`/p/${shown.slug}?reviewSort=lowest`)
      expect(lowestFirst.html.indexOf('Fine')).toBeLessThan(lowestFirst.html.indexOf('Great sound'))

      const jsonLd = /<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/.exec(detail.html)
      expect(JSON.parse(jsonLd?.[1] ?? 'null')).toMatchObject({
        '@type': 'Product',
        name: `${brand} Alpha Speaker`,
        offers: {
          price: '150.00',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/InStock',
        },
        aggregateRating: { ratingValue: 4, reviewCount: 2 },
      })
    })

    it('keeps a product model containing </script> inside the JSON-LD script', async () => {
      const detail = await page(`/p/${hostile.slug}`)
      expect(detail.status).toBe(200)
      expect(detail.html).not.toContain('<script>alert(')
      const start = detail.html.indexOf('<script type="application/ld+json"')
      expect(start).toBeGreaterThan(-1)
      const body = detail.html.slice(detail.html.indexOf('>', start) + 1)
      const json = body.slice(0, body.indexOf('</script>'))
      expect(JSON.parse(json).name).toBe(`${otherBrand} ${hostileModel}`)
    })

    it('answers 404 for pending, rejected, trashed and unknown products, for staff too', async () => {
      for (const doc of Object.values(hidden)) {
        expect((await page(`/p/${doc.slug}`)).status).toBe(404)
        const asStaff = await page(`/p/${doc.slug}`, { Authorization: `JWT ${adminToken}` })
        expect(asStaff.status).toBe(404)
      }
      const unknown = await page('/p/no-such-product')
      expect(unknown.status).toBe(404)
      expect(unknown.html).toContain('We could not find that page')
    })

    it('lists approved, untrashed products and the categories in sitemap.xml, and points robots.txt at it', async () => {
      const sitemap = await page('/sitemap.xml')
      expect(sitemap.status).toBe(200)
      expect(sitemap.headers.get('content-type')).toMatch(/^application\/xml/)
      expect(sitemap.html).toContain(`<loc>${url}/p/${shown.slug}</loc>`)
      expect(sitemap.html).toContain(`<loc>${url}/p/${hostile.slug}</loc>`)
      expect(sitemap.html).toContain(`<loc>${url}/c/${category.slug}</loc>`)
      for (const doc of Object.values(hidden)) expect(sitemap.html).not.toContain(doc.slug)

      const robots = await page('/robots.txt')
      expect(robots.status).toBe(200)
      expect(robots.html).toContain(`Sitemap: ${url}/sitemap.xml`)
      expect(robots.html).toContain('Disallow: /admin')
    })
  })

  describeInBrowser('the storefront browser tests')('in headless Chromium', () => {
    /** Problems the page reported: script errors and Content-Security-Policy refusals. */
    const watch = (tab: Page): string[] => {
      const problems: string[] = []
      tab.on('pageerror', (error) => problems.push(String(error)))
      tab.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text())
      })
      return problems
    }

    it('browses a category and filters it by brand', async () => {
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems = watch(tab)
        await tab.goto(`${url}/`)
        await tab.getByRole('navigation', { name: 'Categories' }).getByText(categoryName).click()
        await tab.waitForURL(`${url}/c/${category.slug}`)
        const products = tab.getByRole('list', { name: 'Products' })
        await expectText(products, 'Beta Speaker')
        await tab.getByRole('radio', { name: new RegExp(`^${brand}`) }).check()
        await tab.getByRole('button', { name: 'Apply filters' }).click()
        await tab.waitForURL(new RegExp(`brand=${brand}`))
        await expectText(products, 'Alpha Speaker')
        expect(await products.textContent()).not.toContain('Beta Speaker')
        expect(problems).toEqual([])
      })
    })

    it('finds a product through a search with a typo and opens its page', async () => {
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems = watch(tab)
        await tab.goto(`${url}/`)
        const typo = brand.slice(0, 3) + brand.slice(4)
        // With its suggestions list the search field is a combobox.
        await tab.getByRole('combobox', { name: 'Search products' }).fill(typo)
        await tab.keyboard.press('Enter')
        await tab.waitForURL(`${url}/search?q=${typo}`)
        expect(await tab.getByRole('combobox', { name: 'Search products' }).inputValue()).toBe(typo)
        await tab
          .getByRole('link', { name: /Alpha Speaker/ })
          .first()
          .click()
        await tab.waitForURL(`${url}/p/${shown.slug}`)
        await tab.getByRole('heading', { level: 1, name: 'Alpha Speaker' }).waitFor()
        const picture = tab.locator('.gallery-main img')
        await picture.waitFor()
        // The WebP loaded (same-origin images pass the policy) and is shown at its layout size.
        expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(
          0,
        )
        expect(problems).toEqual([])
      })
    })

    it('has no serious or critical axe violations, and is screenshotted at desktop and phone width', async () => {
      const { default: imported } = await import('@axe-core/playwright')
      // The package's CommonJS default export arrives wrapped once more under jest's ESM loader.
      const AxeBuilder = ((imported as unknown as { default?: typeof imported }).default ??
        imported) as typeof imported
      fs.mkdirSync(SCREENSHOTS, { recursive: true })
      const pages = {
        home: '/',
        category: `/c/${category.slug}`,
        search: `/search?q=${brand}`,
        product: `/p/${shown.slug}`,
      }
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        for (const [name, pathname] of Object.entries(pages)) {
          for (const [width, height, label] of [
            [1280, 900, 'desktop'],
            [390, 844, 'phone'],
          ] as const) {
            await tab.setViewportSize({ width, height })
            await tab.goto(`${url}${pathname}`)
            await tab.waitForLoadState('load')
            const { violations } = await new AxeBuilder({ page: tab }).analyze()
            const severe = violations
              .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
              .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target)}`)
            expect({ page: name, label, severe }).toEqual({ page: name, label, severe: [] })
            await tab.screenshot({
              path: path.join(SCREENSHOTS, `${name}-${label}.png`),
              fullPage: true,
            })
            // Nothing wider than the screen: a phone never scrolls sideways.
            const overflow = await tab.evaluate(
              () => document.documentElement.scrollWidth - window.innerWidth,
            )
            expect({ page: name, label, overflow }).toEqual({ page: name, label, overflow: 0 })
          }
        }
      })
    })
  })
})

/** Waits until `locator`'s text contains `text`. */
const expectText = async (locator: ReturnType<Page['locator']>, text: string): Promise<void> => {
  await locator.filter({ hasText: text }).waitFor({ timeout: 30_000 })
}
