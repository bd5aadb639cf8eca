import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const haveChromium = fs.existsSync(CHROMIUM)

/** `describe` when Chromium is installed, otherwise `describe.skip` with a warning naming why. */
export const describeInBrowser = (what: string): jest.Describe => {
  if (haveChromium) return describe
  console.warn(
    `Skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does).`,
  )
  return describe.skip
}

/**
 * Runs `use` with a headless Chromium on a throwaway profile. The flags keep it off the network
 * (this machine has none) and away from the first-run and sync machinery.
 */
export const withChromium = async <T>(use: (browser: BrowserContext) => Promise<T>): Promise<T> => {
  const { chromium } = await import('playwright-core')
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    return await use(browser)
  } finally {
    await browser.close()
    fs.rmSync(profile, { recursive: true, force: true })
  }
}

/** Signs `account` in on the admin panel's login page and waits for the dashboard. */
export const signInToPanel = async (
  page: Page,
  url: string,
  account: { username: string; password: string },
): Promise<void> => {
  await page.goto(`${url}/admin/login`)
  await page.fill('input[name="username"]', account.username)
  await page.fill('input[name="password"]', account.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${url}/admin`, { timeout: 30_000 })
}
