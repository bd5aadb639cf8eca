import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

import { api } from '../helpers/apiClient'
import { createAccount } from '../helpers/authClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/audit')

/**
 * The audit log and the CSV export in the admin panel (headless Chromium): an admin's edit shows
 * in the document's sidebar, staff never see the log, and "Export CSV" in the orders list menu
 * downloads the rows of the filtered list.
 */
describeInBrowser('the audit and export browser test')('audit log and export in the panel', () => {
  let server: TestServer
  let adminToken: string
  let staff: { username: string; password: string; token: string }
  let productId: number
  const orderIds: number[] = []
  const username = uniqueWord('admin')
  const password = 'Correct-Horse-9'

  const signIn = async (page: Page, name: string, secret: string) => {
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.goto(`${server.url}/admin/login`)
    await page.fill('input[name="username"]', name)
    await page.fill('input[name="password"]', secret)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 }).catch(async (error) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `sign-in-failed-${name}.png`) })
      throw error
    })
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '1000' },
    })
    const registered = await api(server.url, '/api/users/first-register', {
      method: 'POST',
      body: { email: `${username}@example.test`, username, password },
    })
    expect(registered.status).toBe(200)
    adminToken = (registered.body as { token: string }).token
    staff = await createAccount(server.url, adminToken, ['staff'])
    const customer = await createAccount(server.url, adminToken, ['customer'])
    const product = await api(server.url, '/api/products', {
      method: 'POST',
      token: adminToken,
      body: { brand: 'Acme', model: uniqueWord('Model'), price: 120, stock: 30 },
    })
    expect(product.status).toBe(201)
    productId = (product.body as { doc: { id: number } }).doc.id
    for (const quantity of [1, 2, 3]) {
      const order = await api(server.url, '/api/orders', {
        method: 'POST',
        token: customer.token,
        body: {
          items: [{ product: productId, quantity }],
          shippingAddress: {
            name: 'Ada Lovelace',
            lines: '12 Analytical Engine Street',
            city: 'London',
            postcode: 'NW1 6XE',
            country: 'United Kingdom',
            phone: '+44 20 7946 0000',
          },
        },
      })
      expect(order.status).toBe(201)
      orderIds.push((order.body as { doc: { id: number } }).doc.id)
    }
    const paid = await api(server.url, `/api/orders/${orderIds[0]}`, {
      method: 'PATCH',
      token: adminToken,
      body: { status: 'paid' },
    })
    expect(paid.status).toBe(200)
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it("shows an admin's edit in the product's audit log, and the log to admins only", async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await signIn(page, username, password)
      await page.goto(`${server.url}/admin/collections/products/${productId}`)
      const stock = page.locator('input[name="stock"]')
      await stock.waitFor({ timeout: 30_000 })
      await stock.fill('77')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Updated successfully').waitFor({ timeout: 30_000 })
      await page.reload()
      const trail = page.locator('section[aria-labelledby="audit-trail-heading"]')
      // 30 at creation, 24 after the orders (their stock is taken in SQL, not logged), then 77.
      await trail.getByText('stock: 24 → 77').waitFor({ timeout: 30_000 })
      expect(await trail.locator('ol > li').count()).toBe(2)
      expect(await trail.locator('ol > li').first().innerText()).toContain(`update by ${username}`)
      await trail.scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(SCREENSHOTS, 'product-audit-trail.png') })

      await page.goto(`${server.url}/admin/collections/audit-log`)
      await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 })
      await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-log-list.png') })
    })
    await withChromium(async (browser) => {
      const staffPage = await browser.newPage()
      await signIn(staffPage, staff.username, staff.password)
      expect(await staffPage.locator('nav a[href="/admin/collections/audit-log"]').count()).toBe(0)
      await staffPage.goto(`${server.url}/admin/collections/products/${productId}`)
      await staffPage.locator('input[name="stock"]').waitFor({ timeout: 30_000 })
      expect(await staffPage.locator('#audit-trail-heading').count()).toBe(0)
      await staffPage.goto(`${server.url}/admin/collections/audit-log`)
      await staffPage.getByText('Nothing found').waitFor({ timeout: 30_000 })
      expect(await staffPage.locator('table tbody tr').count()).toBe(0)
      await staffPage.screenshot({ path: path.join(SCREENSHOTS, 'audit-log-as-staff.png') })
    })
    const stored = await api(server.url, `/api/products/${productId}?depth=0`, {
      token: adminToken,
    })
    expect(stored.body).toMatchObject({ stock: 77 })
  }, 180_000)

  it('downloads the filtered orders list as CSV from the list menu', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await signIn(page, username, password)
      await page.goto(`${server.url}/admin/collections/orders?where[status][equals]=paid`)
      await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 })
      await page.locator('.list-controls__popup button').first().click()
      await page.getByText('Export CSV').waitFor({ timeout: 10_000 })
      await page.screenshot({ path: path.join(SCREENSHOTS, 'orders-export-menu.png') })
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByText('Export CSV').click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/)
      const file = await download.path()
      const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n')
      expect(lines[0]).toBe('id,createdAt,status,customerId,customer,items,quantity,total,currency')
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 1)[0])).toEqual([
        String(orderIds[0]),
      ])
      expect(lines[1]).toContain(',paid,')
    })
  }, 180_000)
})
