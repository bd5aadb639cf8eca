import fs from 'node:fs'
import path from 'node:path'

import { api, uploadFile } from '../helpers/apiClient'
import { registerFirstAdmin, type Json } from '../helpers/authClient'
import { jpegBytes, pixelBombPng } from '../helpers/fixtures'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { startTestServer, type TestServer } from '../helpers/testServer'

const mediaDir = path.resolve(process.cwd(), 'media')
const viaHttps = { 'X-Forwarded-Proto': 'https' }

/** Security headers on every kind of response, and how uploaded files are stored and served. */
describe('security headers', () => {
  let server: TestServer
  let token: string
  let credentials: { username: string; password: string }

  beforeAll(async () => {
    server = await startTestServer({
      // One proxy hop in front: X-Forwarded-Proto says whether the client used HTTPS.
      env: { TRUST_PROXY: '1', RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
    })
    const admin = await registerFirstAdmin(server.url)
    credentials = { username: admin.username, password: admin.password }
    const login = await api(server.url, '/api/users/login', { method: 'POST', body: credentials })
    token = (login.body as Json).token
  })

  afterAll(async () => {
    await server?.stop()
  })

  // Every row has its RequestInit: jest takes a test function with more parameters than a row
  // has values for one waiting for `done`.
  const pages: Array<[string, string, RequestInit]> = [
    ['the admin UI', '/admin/login', {}],
    ['the REST API', '/api/products', {}],
    ['GraphQL', '/api/graphql', { method: 'POST', body: '{"query":"{ Products { totalDocs } }"}' }],
    ['the API reference', '/api/docs', {}],
    ['the OpenAPI document', '/api/openapi.json', {}],
    ['a health probe', '/healthz', {}],
    ['a missing page', '/no-such-page', {}],
  ]

  it.each(pages)('sends nosniff and no X-Powered-By on %s (%s)', async (_label, route, init) => {
    const response = await fetch(`${server.url}${route}`, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    })
    expect(response.status).toBeLessThan(500)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-powered-by')).toBeNull()
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors '(self|none)'/)
  })

  it('lets only the site itself frame the admin UI, whose scripts carry the nonce of its policy', async () => {
    const response = await fetch(`${server.url}/admin/login`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const policy = response.headers.get('content-security-policy')!
    expect(policy).toContain("frame-ancestors 'self'")
    expect(policy).toContain("object-src 'none'")
    const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(policy)?.[1]
    expect(nonce).toBeDefined()
    const html = await response.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
    // A fresh nonce for every response.
    const again = (await fetch(`${server.url}/admin/login`)).headers.get('content-security-policy')
    expect(again).not.toBe(policy)
  })

  it('lets nothing run in or frame API responses', async () => {
    const response = await api(server.url, '/api/products')
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'none'|frame-ancestors 'none'.*default-src 'none'/,
    )
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('sends HSTS only to requests that came over HTTPS', async () => {
    expect(
      (await api(server.url, '/api/products')).headers.get('strict-transport-security'),
    ).toBeNull()
    for (const route of ['/api/products', '/admin/login', '/api/docs']) {
      const response = await api(server.url, route, { headers: viaHttps })
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000')
    }
  })

  it('marks the session cookie Secure when the login came over HTTPS', async () => {
    const login = (headers: Record<string, string>) =>
      api(server.url, '/api/users/login', { method: 'POST', body: credentials, headers })
    const overHttps = await login(viaHttps)
    expect(overHttps.status).toBe(200)
    const secureCookie = overHttps.headers
      .getSetCookie()
      .find((c) => c.startsWith('payload-token='))
    expect(secureCookie).toMatch(/;\s*Secure/i)
    expect(secureCookie).toMatch(/;\s*HttpOnly/i)
    const overHttp = await login({})
    const plainCookie = overHttp.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
    expect(plainCookie).toBeDefined()
    expect(plainCookie).not.toMatch(/;\s*Secure/i)
  })

  it('stores a JPEG+HTML polyglot sent as page.html as a JPEG, and serves it nosniff', async () => {
    const polyglot = Buffer.concat([
      await jpegBytes(),
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ])
    const upload = await uploadFile(server.url, {
      bytes: polyglot,
      filename: 'page.html',
      type: 'text/html',
      data: { alt: 'Polyglot' },
      token,
    })
    expect(upload.status).toBe(201)
    const doc = (upload.body as Json).doc
    expect(doc).toMatchObject({ mimeType: 'image/jpeg', filename: expect.stringMatching(/\.jpg$/) })
    const served = await fetch(doc.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-disposition')).toBeNull()
    // Pictures may be shown by a shop front on another origin.
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(Buffer.from(await served.arrayBuffer()).includes('<script>')).toBe(false)
  })

  it('serves a stored file that is no picture or video as a sandboxed attachment', async () => {
    const upload = await uploadFile(server.url, {
      bytes: await jpegBytes(),
      filename: 'legacy.jpg',
      type: 'image/jpeg',
      data: { alt: 'Legacy' },
      token,
    })
    const doc = (upload.body as Json).doc
    // As if stored before types were checked by content: a PDF's bytes under that name.
    fs.writeFileSync(path.join(mediaDir, doc.filename), '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')
    const served = await fetch(doc.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('application/pdf')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-disposition')).toBe('attachment')
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  })

  it('refuses an image over the pixel limit with a 400 naming the limit, storing nothing', async () => {
    const filesBefore = fs.readdirSync(mediaDir)
    const upload = await uploadFile(server.url, {
      bytes: pixelBombPng(8000, 8000),
      filename: 'bomb.png',
      type: 'image/png',
      data: { alt: 'Bomb' },
      token,
    })
    expect(upload.status).toBe(400)
    expect((upload.body as Json).errors[0].data.errors).toEqual([
      {
        path: 'file',
        message:
          'Images may have at most 25 megapixels (25000000 pixels); this one has 8000×8000 ' +
          '(64 megapixels).',
      },
    ])
    const rows = await api(server.url, '/api/media?where[filename][like]=bomb&depth=0', { token })
    expect((rows.body as Json).totalDocs).toBe(0)
    expect(fs.readdirSync(mediaDir)).toEqual(filesBefore)
  })

  describeInBrowser('the CSP browser test')('in headless Chromium', () => {
    it('renders the admin UI and the API reference with no policy violation', async () => {
      await withChromium(async (browser) => {
        const page = await browser.newPage()
        const violations: string[] = []
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) {
            violations.push(message.text())
          }
        })
        await page.goto(`${server.url}/admin/login`)
        await page.waitForSelector('input[name="username"]', { timeout: 30_000 })
        await page.fill('input[name="username"]', credentials.username)
        await page.fill('input[name="password"]', credentials.password)
        await page.click('button[type="submit"]')
        await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })
        await page.goto(`${server.url}/admin/collections/media`)
        await page.waitForSelector('table tbody tr', { timeout: 30_000 })
        await page.goto(`${server.url}/api/docs`)
        await page.waitForSelector('#operations-tag-categories', { timeout: 30_000 })
        expect(violations).toEqual([])
      })
    }, 120_000)
  })
})
