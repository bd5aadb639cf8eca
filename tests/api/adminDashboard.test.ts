import fs from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'

import { Users } from '../../collections/Users'
import { demoUsers } from '../../src/seed/demoCatalog'
import { api, type Json } from '../helpers/apiClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/console')

/** Whether the panel lets vendors in yet (the vendor console is built on another branch). */
const vendorsMayUseThePanel = async (): Promise<boolean> => {
  const admin = Users.access?.admin as ((args: unknown) => boolean | Promise<boolean>) | undefined
  return Boolean(admin && (await admin({ req: { user: { id: 1, roles: ['vendor'] } } })))
}

const severe = async (page: Page): Promise<string[]> => {
  const { default: imported } = await import('@axe-core/playwright')
  // The package's CommonJS default export arrives wrapped once more under jest's ESM loader.
  const AxeBuilder = ((imported as unknown as { default?: typeof imported }).default ??
    imported) as typeof imported
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target)}`)
}

/**
 * The dashboard on the demo store in headless Chromium: staff see the whole store and moderate
 * and hide reviews from it (what is stored afterwards is checked through the API), a vendor sees
 * their own figures only. Screenshots go to tests/results/console/.
 */
describeInBrowser('the dashboard browser test')('admin dashboard in headless Chromium', () => {
  let server: TestServer
  let adminToken: string
  let adminId: number

  const signIn = async (page: Page, username: string, password: string) => {
    await page.goto(`${server.url}/admin/login`)
    await page.fill('input[name="username"]', username)
    await page.fill('input[name="password"]', password)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${server.url}/admin`, { timeout: 60_000 })
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: { SEED_DEMO: 'true', RATE_LIMIT_CREDENTIALS: '1000' },
      readyTimeoutMs: 240_000,
    })
    const login = await api(server.url, '/api/users/login', {
      method: 'POST',
      body: { email: demoUsers.admin.email, password: demoUsers.admin.password },
    })
    adminToken = (login.body as Json).token
    adminId = (login.body as Json).user.id
  }, 300_000)

  afterAll(async () => {
    await server?.stop()
  })

  const product = async (id: number) =>
    (await api(server.url, `/api/products/${id}?depth=0`, { token: adminToken })).body as Json

  it('shows staff the store: chart, figures, status links; accessible; approve, reject, hide work', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    const orders = (
      await api(server.url, '/api/orders?limit=1&where[status][equals]=paid', {
        token: adminToken,
      })
    ).body as Json
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1280, height: 900 })
      await signIn(page, demoUsers.admin.username, demoUsers.admin.password)
      await page.getByRole('heading', { level: 1, name: 'Store dashboard' }).waitFor()

      // The chart is an accessible image with its figures as a table as well.
      const chart = page.getByRole('img', { name: /Revenue and orders per day, last 30 days/ })
      await chart.waitFor()
      expect(await page.locator('#mp-sales-desc').textContent()).toMatch(/€[\d,.]+ of revenue/)
      expect(await page.locator('.mp-dash__chart tbody tr').count()).toBe(30)

      // Orders by status: the paid count is the API's, and the link opens the filtered list.
      const paidRow = page.locator('#mp-dash-status + table tr', { hasText: 'Paid' })
      expect(await paidRow.locator('td').first().textContent()).toBe(String(orders.totalDocs))
      expect(await severe(page)).toEqual([])
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-admin.png'), fullPage: true })

      // Approve the first product of the moderation queue.
      const queue = page.locator('section[aria-labelledby="mp-dash-moderation"] li')
      const firstHref = await queue.first().locator('a').first().getAttribute('href')
      const approvedId = Number(firstHref?.split('/').pop())
      await queue
        .first()
        .getByRole('button', { name: /^Approve / })
        .click()
      await page
        .getByText(/approved\.$/)
        .first()
        .waitFor({ timeout: 30_000 })
      await page
        .locator(`section[aria-labelledby="mp-dash-moderation"] a[href="${firstHref}"]`)
        .waitFor({ state: 'detached', timeout: 30_000 })
      expect(await product(approvedId)).toMatchObject({ status: 'approved', reviewedBy: adminId })

      // Reject the next one with a reason typed right there.
      const next = queue.first()
      const rejectedId = Number(
        (await next.locator('a').first().getAttribute('href'))?.split('/').pop(),
      )
      await next.getByRole('button', { name: /^Reject / }).click()
      const reason = 'The photos show a different colour than the title says.'
      await next.getByLabel(/Reason for rejecting/).fill(reason)
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-reject-reason.png') })
      await next.getByRole('button', { name: 'Reject product' }).click()
      await page
        .getByText(/rejected\.$/)
        .first()
        .waitFor({ timeout: 30_000 })
      expect(await product(rejectedId)).toMatchObject({
        status: 'rejected',
        rejectionReason: reason,
        reviewedBy: adminId,
      })

      // Hide the newest published review.
      const reviews = page.locator('section[aria-labelledby="mp-dash-reviews"] li')
      const withHide = reviews.filter({ has: page.getByRole('button', { name: /^Hide review/ }) })
      const reviewHref = await withHide.first().locator('a').first().getAttribute('href')
      const reviewId = Number(reviewHref?.split('/').pop())
      await withHide
        .first()
        .getByRole('button', { name: /^Hide review/ })
        .click()
      await page.getByText('Review hidden.').waitFor({ timeout: 30_000 })
      const review = await api(server.url, `/api/reviews/${reviewId}?depth=0`, {
        token: adminToken,
      })
      expect((review.body as Json).status).toBe('hidden')

      await page.click(`a[href$="where[status][equals]=paid"]`)
      await page.waitForURL(/collections\/orders\?/, { timeout: 30_000 })
      await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 })
      expect(decodeURIComponent(page.url())).toContain('where[status][equals]=paid')
    })
  }, 240_000)

  it('keeps customers out of the panel', async () => {
    const customer = demoUsers.customers[0]
    const login = await api(server.url, '/api/users/login', {
      method: 'POST',
      body: { email: customer.email, password: customer.password },
    })
    const response = await fetch(`${server.url}/admin`, {
      headers: { Authorization: `JWT ${(login.body as Json).token}` },
      redirect: 'manual',
    })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toMatch(/\/admin\/unauthorized$/)
    expect(await response.text()).not.toContain('mp-dash')
  })

  it("shows a vendor their own products' figures only", async () => {
    if (!(await vendorsMayUseThePanel())) {
      console.warn('Skipping the vendor dashboard: vendors cannot use the admin panel yet.')
      return
    }
    const vendor = demoUsers.vendors[0]
    const login = await api(server.url, '/api/users/login', {
      method: 'POST',
      body: { email: vendor.email, password: vendor.password },
    })
    const vendorId = (login.body as Json).user.id
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1280, height: 900 })
      await signIn(page, vendor.username, vendor.password)
      await page.getByRole('heading', { level: 1, name: 'Your shop' }).waitFor()
      expect(await page.getByRole('button', { name: /^Approve / }).count()).toBe(0)
      expect(await page.getByRole('button', { name: /^Hide review/ }).count()).toBe(0)
      const hrefs = await page
        .locator('.mp-dash a[href*="/collections/products/"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) {
        expect((await product(Number(href?.split('/').pop()))).owner).toBe(vendorId)
      }
      expect(await severe(page)).toEqual([])
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'dashboard-vendor.png'),
        fullPage: true,
      })
    })
  }, 180_000)
})
