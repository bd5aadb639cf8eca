/**
 * The products and users screens of the admin console in a real browser (Debian Chromium through
 * playwright-core): staff reject a pending product with a reason through the dialog and see the
 * history entry, the vendor resubmits from their own edit view (the stored status and history
 * checked), staff approve it from the edit view; the products list shows thumbnails and money, the
 * users list roles and activation. Screenshots go to tests/results/console/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

import { uploadFile } from '../helpers/apiClient'
import {
  type Account,
  call,
  createAccount,
  type Json,
  registerFirstAdmin,
  signUp,
} from '../helpers/authClient'
import { describeInBrowser, signInToPanel, withChromium } from '../helpers/chromium'
import { pngBytes, uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/console')

describeInBrowser('the console browser test')('products and users in the admin console', () => {
  let server: TestServer
  let admin: Account & { token: string }
  let staff: Account & { token: string }
  let vendor: Account & { token: string }
  let newcomer: Account
  let product: Json
  const model = uniqueWord('Model')
  const reason = 'The photos show a different model.'

  const http = (method: string, route: string, token?: string, body?: unknown) =>
    call(`${server.url}${route}`, { method, body, auth: token ? `JWT ${token}` : undefined })

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })

  const events = async (): Promise<Json[]> => {
    const { status, body } = await http(
      'GET',
      `/api/product-moderation-events?where[product][equals]=${product.id}&sort=createdAt,id&depth=0`,
      admin.token,
    )
    expect(status).toBe(200)
    return body.docs
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
    })
    admin = await registerFirstAdmin(server.url)
    staff = await createAccount(server.url, admin.token, ['staff'])
    vendor = await createAccount(server.url, admin.token, ['vendor'])
    newcomer = await signUp(server.url)
    const image = await uploadFile(server.url, {
      bytes: await pngBytes(640, 480),
      filename: 'phone.png',
      type: 'image/png',
      data: { alt: 'A red phone' },
      token: vendor.token,
    })
    expect(image.status).toBe(201)
    const imageId = (image.body as Json).doc.id
    const created = await http('POST', '/api/products', vendor.token, {
      brand: 'Acme',
      model,
      price: 1299,
      discount: 10,
      stock: 3,
      images: [imageId],
    })
    expect(created.status).toBe(201)
    product = created.body.doc
    expect(product.status).toBe('pending')
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('rejects with a reason, shows the history, and approves after the vendor resubmits', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      // Tall enough for the whole edit view's sidebar (it scrolls on its own).
      await page.setViewportSize({ width: 1400, height: 1400 })
      await page.goto(`${server.url}/admin/login`)
      await page.fill('input[name="username"]', staff.username)
      await page.fill('input[name="password"]', staff.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })

      // The list: a thumbnail of the first picture's smallest size, and prices as money.
      await page.goto(`${server.url}/admin/collections/products`)
      const row = page.locator(`table tbody tr:has-text("${model}")`)
      await row.waitFor({ timeout: 30_000 })
      const thumbnail = row.locator('img[alt="A red phone"]')
      expect(await thumbnail.getAttribute('src')).toMatch(/\/phone(-\d+)?-200x200\.webp$/)
      await expect(thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBe(
        200,
      )
      expect(await row.innerText()).toContain('€1,169.10')
      // The owner's title is loaded by the relationship cell after the table renders.
      await row.getByText(vendor.username).waitFor({ timeout: 30_000 })
      await shot(page, 'products-list')

      // The edit view: staff see approve and reject for a pending product; money under the price.
      await page.goto(`${server.url}/admin/collections/products/${product.id}`)
      const rejectButton = page.getByRole('button', { name: 'Reject…' })
      await rejectButton.waitFor({ timeout: 30_000 })
      await page.getByRole('button', { name: 'Approve' }).waitFor()
      await page.locator('.money-preview', { hasText: '€1,299.00' }).waitFor()
      await page.locator('.field-type.relationship', { hasText: vendor.username }).waitFor()
      await page.locator('.moderation-history', { hasText: 'Created as Pending' }).waitFor()
      await shot(page, 'product-edit-pending')

      await rejectButton.click()
      const dialog = page.locator('.confirmation-modal')
      await dialog.locator('textarea').fill(reason)
      await shot(page, 'product-reject-dialog')
      await dialog.getByRole('button', { name: 'Reject', exact: true }).click()
      await page.getByText('Product rejected.').waitFor({ timeout: 30_000 })
      const rejectedEntry = page.locator('.moderation-history__event', {
        hasText: 'Pending → Rejected',
      })
      await rejectedEntry.waitFor({ timeout: 30_000 })
      expect(await rejectedEntry.innerText()).toContain(`by ${staff.username}`)
      expect(await rejectedEntry.innerText()).toContain(`Reason: ${reason}`)
      // The view shows the stored status: no more actions for staff on a rejected product.
      await page.getByRole('button', { name: 'Reject…' }).waitFor({ state: 'detached' })
      await page.locator('textarea[name="rejectionReason"]').waitFor()
      expect(await page.locator('textarea[name="rejectionReason"]').inputValue()).toBe(reason)
      await shot(page, 'product-edit-rejected')

      expect(
        (await events()).map(({ from, to, by, reason: why }) => ({ from, to, by, why })),
      ).toEqual([
        { from: null, to: 'pending', by: vendor.id, why: null },
        { from: 'pending', to: 'rejected', by: staff.id, why: reason },
      ])
      const rejected = await http('GET', `/api/products/${product.id}?depth=0`, admin.token)
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejectionReason: reason,
        reviewedBy: staff.id,
        available: false,
      })

      // The vendor, in a browser of their own, resubmits from the edit view.
      await withChromium(async (vendorBrowser) => {
        const vendorPage = await vendorBrowser.newPage()
        await vendorPage.setViewportSize({ width: 1400, height: 1400 })
        await signInToPanel(vendorPage, server.url, vendor)
        await vendorPage.goto(`${server.url}/admin/collections/products/${product.id}`)
        const resubmit = vendorPage.getByRole('button', { name: 'Resubmit for moderation' })
        await resubmit.waitFor({ timeout: 30_000 })
        // Who moderated is not the vendor's to know (they cannot read staff accounts).
        const rejection = vendorPage.locator('.moderation-history__event', {
          hasText: 'Pending → Rejected',
        })
        expect(await rejection.innerText()).toContain("by the store's staff")
        expect(await rejection.innerText()).not.toContain(staff.username)
        // Nor does the sidebar name them as an unreadable relation ("Untitled - ID: n").
        expect(await vendorPage.locator('body').innerText()).not.toContain('Untitled')
        expect(await vendorPage.getByText('Moderated by').count()).toBe(0)
        await shot(vendorPage, 'product-edit-rejected-vendor')
        await resubmit.click()
        await vendorPage
          .getByText('Product resubmitted for moderation.')
          .waitFor({ timeout: 30_000 })
        await vendorPage
          .locator('.moderation-history__event', { hasText: 'Rejected → Pending' })
          .filter({ hasText: `by ${vendor.username}` })
          .waitFor({ timeout: 30_000 })
        await resubmit.waitFor({ state: 'detached', timeout: 30_000 })
      })
      const resubmitted = await http('GET', `/api/products/${product.id}?depth=0`, admin.token)
      expect(resubmitted.body.status).toBe('pending')
      expect((await events()).at(-1)).toMatchObject({
        from: 'rejected',
        to: 'pending',
        by: vendor.id,
      })

      // Staff find it pending again with the history to match.
      await page.reload()
      await page
        .locator('.moderation-history__event', { hasText: 'Rejected → Pending' })
        .filter({ hasText: `by ${vendor.username}` })
        .waitFor({ timeout: 30_000 })
      await page.getByRole('button', { name: 'Approve' }).click()
      await page.getByText('Product approved.').waitFor({ timeout: 30_000 })
      await page
        .locator('.moderation-history__event', { hasText: 'Pending → Approved' })
        .waitFor({ timeout: 30_000 })
      await page.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' })
      // Staff do see who moderated it.
      await page.getByText('Moderated by').first().waitFor()
      await shot(page, 'product-edit-approved')
    })

    const approved = await http('GET', `/api/products/${product.id}?depth=0`, admin.token)
    expect(approved.body).toMatchObject({
      status: 'approved',
      reviewedBy: staff.id,
      rejectionReason: null,
      available: true,
    })
    expect((await events()).map(({ to }) => to)).toEqual([
      'pending',
      'rejected',
      'pending',
      'approved',
    ])
  }, 180_000)

  it('lists users by username with their roles and activation', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1400, height: 900 })
      await page.goto(`${server.url}/admin/login`)
      await page.fill('input[name="username"]', admin.username)
      await page.fill('input[name="password"]', admin.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })
      await page.goto(`${server.url}/admin/collections/users`)
      const vendorRow = page.locator(`table tbody tr:has-text("${vendor.username}")`)
      await vendorRow.waitFor({ timeout: 30_000 })
      const headers = await page.locator('table thead th').allInnerTexts()
      expect(headers.map((text) => text.trim())).toEqual(
        expect.arrayContaining(['Username', 'Roles', 'Activation']),
      )
      expect(await vendorRow.innerText()).toMatch(/Vendor[\s\S]*Active/)
      const newcomerRow = page.locator(`table tbody tr:has-text("${newcomer.username}")`)
      expect(await newcomerRow.innerText()).toMatch(/Customer[\s\S]*Awaiting activation/)
      await shot(page, 'users-list')
    })
  }, 120_000)
})
