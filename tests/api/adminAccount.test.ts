/**
 * One's own password and email in the admin panel's account view, in headless Chromium: the
 * "Password and email" form sends the change with the current password (the server's rule for
 * one's own credentials). A wrong current password is refused and nothing changes; the right one
 * stores the new password (sign-in with it works); an email change starts the confirmation flow
 * (pending address, a link in the new address's mail). Payload's own "Change Password" button,
 * which cannot send the current password, is not offered there, and other users' pages do not
 * show the form. Screenshots go to tests/results/console/.
 */
import fs from 'node:fs'
import path from 'node:path'

import {
  type Account,
  call,
  createAccount,
  PASSWORD,
  registerFirstAdmin,
  unique,
} from '../helpers/authClient'
import { describeInBrowser, signInToPanel, withChromium } from '../helpers/chromium'
import { emailChangeTokenIn, waitForEmails } from '../helpers/outbox'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/console')

describeInBrowser('the account browser test')('own password and email in the admin panel', () => {
  let server: TestServer
  let admin: Account & { token: string }
  let staff: Account & { token: string }

  const signIn = async (email: string, password: string) =>
    (await call(`${server.url}/api/users/login`, { body: { email, password } })).status

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
    })
    admin = await registerFirstAdmin(server.url)
    staff = await createAccount(server.url, admin.token, ['staff'])
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('changes one’s own password with the current one, and starts an email change', async () => {
    const newPassword = 'Brand-new-secret-42'
    const newEmail = `${unique('moved')}@example.com`
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1280, height: 1200 })
      await signInToPanel(page, server.url, staff)

      await page.goto(`${server.url}/admin/account`)
      const panel = page.locator('section', { hasText: 'Password and email' })
      await panel.waitFor({ timeout: 30_000 })
      // Payload's own controls would send no current password: they are not offered here.
      expect(await page.locator('#change-password').isVisible()).toBe(false)
      expect(await page.locator('.auth-fields .field-type.email').isVisible()).toBe(false)
      const passwordGroup = panel.locator('fieldset', { hasText: 'Change password' })
      const fill = async (label: string, value: string, group = passwordGroup) =>
        group.getByLabel(label, { exact: true }).fill(value)

      await fill('Current password', 'not-my-password-1')
      await fill('New password', newPassword)
      await fill('Repeat the new password', newPassword)
      await passwordGroup.getByRole('button', { name: 'Change password' }).click()
      await passwordGroup
        .getByRole('alert')
        .filter({ hasText: 'The current password is incorrect.' })
        .waitFor({ timeout: 30_000 })
      await page.screenshot({ path: path.join(SCREENSHOTS, 'account-password-wrong.png') })

      await fill('Current password', staff.password)
      await fill('New password', 'short')
      await fill('Repeat the new password', 'short')
      await passwordGroup.getByRole('button', { name: 'Change password' }).click()
      await passwordGroup
        .getByRole('alert')
        .filter({ hasText: 'Password must be at least 10 characters long.' })
        .waitFor({ timeout: 30_000 })

      await fill('New password', newPassword)
      await fill('Repeat the new password', newPassword)
      await passwordGroup.getByRole('button', { name: 'Change password' }).click()
      await passwordGroup
        .getByRole('status')
        .filter({ hasText: 'Password changed.' })
        .waitFor({ timeout: 30_000 })
      await page.screenshot({ path: path.join(SCREENSHOTS, 'account-password-changed.png') })

      const emailGroup = panel.locator('fieldset', { hasText: 'Change email' })
      await fill('Current password', newPassword, emailGroup)
      await fill('New email', newEmail, emailGroup)
      // Enter runs this form's action, not Payload's Save.
      await emailGroup.getByLabel('New email').press('Enter')
      await emailGroup
        .getByRole('status')
        .filter({ hasText: `A confirmation link was sent to ${newEmail}` })
        .waitFor({ timeout: 30_000 })
      // The view re-renders with the pending address (Payload's read-only field).
      await page.locator('input[name="pendingEmail"]').waitFor({ timeout: 30_000 })
      expect(await page.locator('input[name="pendingEmail"]').inputValue()).toBe(newEmail)
      await page.screenshot({ path: path.join(SCREENSHOTS, 'account-email-pending.png') })

      // On another user's page (an admin's view of staff) there is no such form.
      await page.goto(`${server.url}/admin/collections/users/${admin.id}`)
      await page.locator('input[name="username"]').waitFor({ timeout: 30_000 })
      expect(await page.locator('section', { hasText: 'Password and email' }).count()).toBe(0)
    })

    // Stored: the wrong attempt changed nothing, the right one the password; the email waits.
    expect(await signIn(staff.email, PASSWORD)).toBe(401)
    expect(await signIn(staff.email, newPassword)).toBe(200)
    const stored = await call(`${server.url}/api/users/${staff.id}`, {
      auth: `JWT ${admin.token}`,
    })
    expect(stored.body).toMatchObject({ email: staff.email, pendingEmail: newEmail })
    expect(emailChangeTokenIn((await waitForEmails(newEmail))[0])).toEqual(expect.any(String))
  }, 240_000)
})
