import type { OpenApiDocument } from '../../src/lib/openapi/document'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { openApiErrors, schemaValidator } from '../helpers/openapi'
import { startTestServer, type TestServer } from '../helpers/testServer'

describe('API reference over HTTP', () => {
  let server: TestServer
  let document: OpenApiDocument
  let token: string
  const suffix = Math.random().toString(36).slice(2, 8)

  const api = (route: string, init: RequestInit = {}, auth = true): Promise<Response> =>
    fetch(`${server.url}${route}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        ...(auth && token ? { Authorization: `JWT ${token}` } : {}),
        ...init.headers,
      },
    })

  beforeAll(async () => {
    server = await startTestServer()
    const registered = await api(
      '/api/users/first-register',
      {
        method: 'POST',
        body: JSON.stringify({
          email: `docs-${suffix}@example.com`,
          username: `docs${suffix}`,
          password: 'Correct-Horse-9',
        }),
      },
      false,
    )
    expect(registered.status).toBe(200)
    token = (await registered.json()).token
    const response = await fetch(`${server.url}/api/openapi.json`)
    expect(response.status).toBe(200)
    document = await response.json()
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('serves a valid OpenAPI 3.1 document that names no undocumented route', async () => {
    expect(await openApiErrors(document)).toBe('')
    // Built from the running server's own Express router and Payload config.
    expect(document['x-undocumented-routes']).toBeUndefined()
    expect(server.output()).not.toMatch(/routes without OpenAPI documentation/)
    for (const [route, method] of [
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/api/openapi.json', 'get'],
      ['/api/docs', 'get'],
      ['/api/graphql', 'post'],
      ['/api/categories', 'get'],
      ['/api/users/login', 'post'],
    ]) {
      expect(document.paths[route]?.[method]).toBeDefined()
    }
  })

  it("describes the server's real responses", async () => {
    const check = schemaValidator(document)
    const category = await api('/api/categories', {
      method: 'POST',
      body: JSON.stringify({ name: `Docs ${suffix}`, slug: `docs-${suffix}` }),
    })
    expect(category.status).toBe(201)
    const created = await category.json()
    expect(check('Category', created.doc)).toBe('')

    const product = await api('/api/products', {
      method: 'POST',
      body: JSON.stringify({
        brand: 'Acme',
        model: `Docs ${suffix}`,
        slug: `acme-docs-${suffix}`,
        price: 12.5,
        stock: 3,
        category: created.doc.id,
      }),
    })
    expect(product.status).toBe(201)

    const list = await api('/api/products?depth=1', {}, false)
    expect(list.status).toBe(200)
    const page = await list.json()
    expect(page.docs.length).toBeGreaterThan(0)
    expect(typeof page.docs[0].category).toBe('object')
    expect(check('ProductList', page)).toBe('')

    const me = await (await api('/api/users/me')).json()
    expect(me.user.email).toBe(`docs-${suffix}@example.com`)
    expect(check('User', me.user)).toBe('')

    const missing = await api('/api/categories/999999', {}, false)
    expect(missing.status).toBe(404)
    expect(check('PayloadError', await missing.json())).toBe('')

    const invalid = await api('/api/products', { method: 'POST', body: JSON.stringify({}) })
    expect(invalid.status).toBe(400)
    expect(check('PayloadError', await invalid.json())).toBe('')
  })

  it('serves the interactive reference from installed files, with no outside URL', async () => {
    const page = await fetch(`${server.url}/api/docs`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const html = await page.text()
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])
    expect(assets).toEqual([
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/init.js',
    ])
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`)
      expect(response.status).toBe(200)
    }
    expect((await fetch(`${server.url}/api/docs/assets/nope.js`)).status).toBe(404)
  })

  describeInBrowser('the API-reference browser test')('in headless Chromium', () => {
    it('authorises with a token and runs "Try it out" calls against this server', async () => {
      await withChromium(async (browser) => {
        const page = await browser.newPage()
        const requested: string[] = []
        page.on('request', (request) => requested.push(request.url()))

        /** Opens an operation, runs "Try it out", and returns the live status and body. */
        const tryItOut = async (tag: string, operationId: string) => {
          await page.click(`#operations-tag-${tag}`)
          const operation = `#operations-${tag}-${operationId}`
          await page.click(`${operation} .opblock-summary`)
          await page.click(`${operation} button.try-out__btn`)
          await page.click(`${operation} button.execute`)
          const status = `${operation} .live-responses-table tbody .response-col_status`
          await page.waitForSelector(status, { timeout: 30_000 })
          return {
            status: (await page.textContent(status))?.trim(),
            body: await page.textContent(`${operation} .live-responses-table .microlight`),
          }
        }

        await page.goto(`${server.url}/api/docs`)
        await page.waitForSelector('#operations-tag-categories', { timeout: 30_000 })

        // Anonymous call: GET /api/categories.
        const list = await tryItOut('categories', 'categories_find')
        expect(list.status).toBe('200')
        expect(list.body).toContain(`docs-${suffix}`)

        // Authorise with the JWT, then GET /api/users/me answers for that user.
        await page.click('button.authorize')
        const bearer = page.locator('.auth-container', { hasText: 'bearerAuth' })
        await bearer.locator('input').fill(token)
        await bearer.locator('button.authorize').click()
        await page.click('button.btn-done')
        const me = await tryItOut('users', 'users_me')
        expect(me.status).toBe('200')
        expect(me.body).toContain(`docs-${suffix}@example.com`)

        // Offline: nothing was fetched from anywhere but this server.
        expect(requested.filter((url) => !url.startsWith(server.url))).toEqual([])
      })
    }, 120_000)
  })
})
