/**
 * Changing one's own password from the admin panel's account view (Debian Chromium through
 * playwright-core): the current-password input is there, a change without it is refused with the
 * server's message, a change with it is stored; an admin still sets another user's password
 * without one (the input is only on one's own account). Screenshots in tests/results/console/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

import { type Account, call, createAccount, registerFirstAdmin } from '../helpers/authClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/console')

describeInBrowser('the account browser test')('the admin account view', () => {
  let server: TestServer
  let admin: Account & { token: string }
  let staff: Account & { token: string }
  let vendor: Account & { token: string }

  const signsIn = async (account: Account, password: string) =>
    (
      await call(`${server.url}/api/users/login`, {
        body: { email: account.email, password },
      })
    ).status

  const signIn = async (page: Page, account: Account) => {
    await page.goto(`${server.url}/admin/login`)
    await page.fill('input[name="username"]', account.username)
    await page.fill('input[name="password"]', account.password)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })
  }

  const choosePassword = async (page: Page, password: string) => {
    const field = page.locator('input[name="password"]')
    if (!(await field.isVisible())) {
      await page.getByRole('button', { name: 'Change Password' }).click()
    }
    await field.fill(password)
    await page.locator('input[name="confirm-password"]').fill(password)
  }

  /** Saves once the form has settled (each edit re-validates the form state on the server). */
  const save = async (page: Page) => {
    await page.waitForLoadState('networkidle')
    await page.getByRole('button', { name: 'Save' }).click()
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
    })
    admin = await registerFirstAdmin(server.url)
    staff = await createAccount(server.url, admin.token, ['staff'])
    vendor = await createAccount(server.url, admin.token, ['vendor'])
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('changes one’s own password only with the current one', async () => {
    const next = 'Staple-Battery-Horse-42'
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1400, height: 1000 })
      await signIn(page, staff)
      await page.goto(`${server.url}/admin/account`)
      const current = page.locator('#field-currentPassword')
      await current.waitFor({ timeout: 30_000 })
      expect(await current.getAttribute('type')).toBe('password')
      expect(await current.inputValue()).toBe('')

      await choosePassword(page, next)
      await save(page)
      await page
        .getByText('Enter your current password to change your password or email.')
        .waitFor({ timeout: 30_000 })
      expect(await signsIn(staff, next)).toBe(401)

      await current.fill('not-my-password')
      await save(page)
      await page.getByText('The current password is incorrect.').waitFor({ timeout: 30_000 })
      expect(await signsIn(staff, next)).toBe(401)

      await choosePassword(page, next)
      await current.fill(staff.password)
      await save(page)
      await page.getByText('Updated successfully').waitFor({ timeout: 30_000 })
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'account-password.png'),
        fullPage: true,
      })
    })
    expect(await signsIn(staff, next)).toBe(200)
    expect(await signsIn(staff, staff.password)).toBe(401)
  }, 180_000)

  it('lets an admin set another user’s password, with no current-password input there', async () => {
    const next = 'Admin-Set-Password-77'
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1400, height: 1000 })
      await signIn(page, admin)
      await page.goto(`${server.url}/admin/collections/users/${vendor.id}`)
      await page.locator('input[name="email"]').waitFor({ timeout: 30_000 })
      expect(await page.locator('#field-currentPassword').count()).toBe(0)
      await choosePassword(page, next)
      await save(page)
      await page.getByText('Updated successfully').waitFor({ timeout: 30_000 })
    })
    expect(await signsIn(vendor, next)).toBe(200)
  }, 180_000)
})
