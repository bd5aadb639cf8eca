import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'

import { api, graphql } from '../helpers/apiClient'
import { createAccount, registerAdmin } from '../helpers/authClient'
import { PASSWORD, uniqueWord } from '../helpers/fixtures'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { waitForEmails } from '../helpers/outbox'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** Where the browser tests save their screenshots (git-ignored). */
const SCREENSHOTS = path.resolve('tests/results/storefront')

type Doc = { id: number; slug: string }

/**
 * The storefront's purchase, in headless Chromium against the compiled server: the guest cart,
 * sign-up with the emailed activation link, the cart merged at sign-in, checkout with address
 * validation and a stock shortage fixed on the spot, the order under "My orders" with the stock
 * taken in the database, cancelling, and a verified review after delivery. Then axe and
 * screenshots of the cart, checkout and account pages.
 */
describe('storefront purchase', () => {
  let server: TestServer
  let url: string
  let adminToken: string
  let db: pg.Client
  const brand = uniqueWord('brand')
  let speaker: Doc
  let scarce: Doc
  let extra: Doc
  let soldOut: Doc
  const customer = { username: uniqueWord('shopper'), email: '', password: PASSWORD }
  customer.email = `${customer.username}@example.test`

  const create = async (collection: string, body: object) => {
    const response = await api(url, `/api/${collection}`, {
      method: 'POST',
      token: adminToken,
      body,
    })
    if (response.status !== 201) throw new Error(`create ${collection}: ${response.text}`)
    return (response.body as { doc: Doc }).doc
  }

  const patch = async (path: string, body: object) => {
    const response = await api(url, path, { method: 'PATCH', token: adminToken, body })
    if (response.status !== 200) throw new Error(`PATCH ${path}: ${response.text}`)
  }

  const stockInDatabase = async (product: Doc): Promise<number> =>
    Number((await db.query('SELECT stock FROM products WHERE id = $1', [product.id])).rows[0].stock)

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '1000' },
    })
    url = server.url
    db = new pg.Client({ connectionString: server.databaseUrl })
    await db.connect()
    adminToken = await registerAdmin(url)
    const category = await create('categories', { name: `Audio ${uniqueWord('c')}` })
    const product = (model: string, price: number, stock: number) =>
      create('products', {
        brand,
        model,
        slug: uniqueWord('p'),
        price,
        stock,
        category: category.id,
      })
    speaker = await product('Room Speaker', 120, 5)
    scarce = await product('Rare Tube Amp', 300, 2)
    extra = await product('Speaker Cable', 15, 20)
    soldOut = await product('Sold Out Turntable', 250, 0)
  }, 120_000)

  afterAll(async () => {
    await db?.end()
    await server?.stop()
  })

  /** Script errors and console errors, except the failed fetches the test provokes (4xx). */
  const watch = (tab: Page): string[] => {
    const problems: string[] = []
    tab.on('pageerror', (error) => problems.push(String(error)))
    tab.on('console', (message) => {
      const text = message.text()
      if (message.type() !== 'error') return
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return
      problems.push(text)
    })
    return problems
  }

  const addToCart = async (tab: Page, product: Doc, quantity: number) => {
    await tab.goto(`${url}/p/${product.slug}`)
    await tab.getByLabel('Quantity').fill(String(quantity))
    await tab.getByRole('button', { name: 'Add to cart' }).click()
  }

  const cartLines = (tab: Page) => tab.getByRole('list', { name: 'Items in your cart' })

  const signIn = async (tab: Page, next: string) => {
    await tab.goto(`${url}/account/sign-in?next=${encodeURIComponent(next)}`)
    await tab.getByLabel('Email or username').fill(customer.email)
    await tab.getByLabel('Password').fill(customer.password)
    await tab.getByRole('button', { name: 'Sign in' }).click()
  }

  const fillAddress = async (tab: Page, city: string) => {
    await tab.getByLabel('Full name').fill('Ada Lovelace')
    await tab.getByLabel('Street address').fill('12 Analytical Engine Street')
    await tab.getByLabel('City').fill(city)
    await tab.getByLabel('Postcode').fill('NW1 6XE')
    await tab.getByLabel('Country').fill('United Kingdom')
  }

  describeInBrowser('the purchase browser tests')('in headless Chromium', () => {
    it('buys as a guest who signs up: cart, merge, checkout, 409 fixed, my orders, stock, cancel, verified review', async () => {
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems = watch(tab)
        tab.on('dialog', (dialog) => void dialog.accept())

        // A guest's cart lives in the browser; the stock the page knows limits it.
        await addToCart(tab, speaker, 2)
        await tab.getByRole('status').getByText('Added 2 × ').waitFor()
        await addToCart(tab, scarce, 3)
        await tab.getByText(`Only 2 of "${brand} Rare Tube Amp" left in stock`).waitFor()
        await tab.getByLabel('Quantity').fill('2')
        await tab.getByRole('button', { name: 'Add to cart' }).click()
        await tab.getByRole('status').getByText('Added 2 × ').waitFor()
        expect(await tab.locator('.cart-count').textContent()).toBe('4')

        // An out-of-stock product has no button to add it.
        await tab.goto(`${url}/p/${soldOut.slug}`)
        await tab.getByText('Out of stock: this product cannot be added to the cart.').waitFor()
        expect(await tab.getByRole('button', { name: 'Add to cart' }).count()).toBe(0)

        // Sign up; the activation link arrives in the outbox (maybe from a background job).
        await tab.goto(`${url}/account/sign-up`)
        await tab.getByLabel('Username').fill(customer.username)
        await tab.getByLabel('Email').fill(customer.email)
        await tab.getByLabel('Password').fill(customer.password)
        await tab.getByRole('button', { name: 'Create account' }).click()
        await tab.getByText('we sent an activation link').waitFor()
        const [email] = await waitForEmails(customer.email)
        const link = /href="([^"]*\/api\/users\/activate\/[^"]+)"/.exec(email.html)?.[1]
        expect(link).toBeTruthy()
        await tab.goto(link!.replaceAll('&amp;', '&'))
        await tab.getByText('Your account is active').waitFor()

        // Another device already saved a cart for this customer.
        const login = await api(url, '/api/users/login', {
          method: 'POST',
          body: { email: customer.email, password: customer.password },
        })
        const customerToken = (login.body as { token: string }).token
        const saved = await api(url, '/api/carts/mine', {
          method: 'PATCH',
          token: customerToken,
          body: {
            mode: 'add',
            items: [
              { product: speaker.id, quantity: 1 },
              { product: extra.id, quantity: 1 },
            ],
          },
        })
        expect(saved.status).toBe(200)

        // Signing in merges the guest cart: the larger quantity of the speaker, both others.
        await signIn(tab, '/cart')
        await tab.waitForURL(`${url}/cart`)
        await cartLines(tab)
          .getByRole('link', { name: `${brand} Speaker Cable` })
          .waitFor()
        expect(await cartLines(tab).getByRole('listitem').count()).toBe(3)
        expect(await tab.getByLabel(`Quantity of ${brand} Room Speaker`).inputValue()).toBe('2')
        expect(await tab.getByLabel(`Quantity of ${brand} Rare Tube Amp`).inputValue()).toBe('2')
        const merged = await api(url, '/api/carts/mine', { token: customerToken })
        expect((merged.body as { items: unknown[] }).items).toEqual([
          { product: speaker.id, quantity: 2 },
          { product: scarce.id, quantity: 2 },
          { product: extra.id, quantity: 1 },
        ])
        expect(await tab.evaluate(() => localStorage.getItem('marketplace.cart'))).toBeNull()

        // Remove the cable, then check out.
        await tab.getByRole('button', { name: `Remove ${brand} Speaker Cable` }).click()
        await tab.getByText('Speaker Cable removed from your cart.').waitFor()
        await tab.getByRole('link', { name: 'Check out' }).click()
        await tab.waitForURL(`${url}/checkout`)

        // The address is checked field by field before anything is sent.
        await fillAddress(tab, '   ')
        await tab.getByRole('button', { name: /^Place order/ }).click()
        await tab.getByText('Enter your city.').first().waitFor()
        expect(await tab.getByLabel('City').getAttribute('aria-invalid')).toBe('true')

        // The amp runs short between adding and checking out: the 409 is explained and fixed.
        await patch(`/api/products/${scarce.id}`, { stock: 1 })
        await tab.getByLabel('City').fill('London')
        await tab.getByRole('button', { name: /^Place order/ }).click()
        const alert = tab.getByRole('alert')
        await alert.getByText(`Not enough stock for ${brand} Rare Tube Amp.`).waitFor()
        await alert.getByText('Only 1 left; you asked for 2.').waitFor()
        fs.mkdirSync(SCREENSHOTS, { recursive: true })
        await tab.screenshot({ path: path.join(SCREENSHOTS, 'checkout-shortage-desktop.png') })
        expect(await stockInDatabase(speaker)).toBe(5)
        await alert.getByRole('button', { name: 'Take the 1 left' }).click()
        await tab.getByText('Your cart was updated.').waitFor()
        await tab.getByRole('button', { name: /^Place order/ }).click()
        await tab.waitForURL(/\/account\/orders\/\d+\?placed=1$/)
        await tab.getByText('Thank you, your order is placed.').waitFor()
        await tab.screenshot({
          path: path.join(SCREENSHOTS, 'confirmation-desktop.png'),
          fullPage: true,
        })
        const orderId = Number(/orders\/(\d+)/.exec(tab.url())?.[1])

        // The stock went down in the database; the cart is empty.
        expect(await stockInDatabase(speaker)).toBe(3)
        expect(await stockInDatabase(scarce)).toBe(0)
        expect(await tab.locator('.cart-count').textContent()).toBe('0')

        // My orders lists it; its page shows its lines.
        await tab.goto(`${url}/account/orders`)
        await tab.getByRole('link', { name: `Order ${orderId}` }).click()
        await tab.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor()
        await tab.getByRole('rowheader', { name: `${brand} Rare Tube Amp` }).waitFor()
        await tab.locator('.badge-status', { hasText: 'Pending' }).waitFor()

        // A second order, cancelled while pending, gives its stock back.
        await addToCart(tab, speaker, 1)
        await tab.getByRole('status').getByText('Added 1 × ').waitFor()
        await tab.goto(`${url}/checkout`)
        await fillAddress(tab, 'London')
        await tab.getByRole('button', { name: /^Place order/ }).click()
        await tab.waitForURL(/\/account\/orders\/\d+\?placed=1$/)
        expect(await stockInDatabase(speaker)).toBe(2)
        await tab.getByRole('button', { name: 'Cancel order' }).click()
        await tab.locator('.badge-status', { hasText: 'Cancelled' }).waitFor()
        expect(await stockInDatabase(speaker)).toBe(3)

        // Once the first order is delivered, the customer's review is a verified purchase.
        for (const status of ['paid', 'shipped', 'delivered']) {
          await patch(`/api/orders/${orderId}`, { status })
        }
        await tab.goto(`${url}/p/${speaker.slug}#reviews`)
        await tab.getByRole('radio', { name: '5 stars' }).check()
        await tab.getByLabel('Title (optional)').fill('Fills the room')
        await tab.getByRole('button', { name: 'Post review' }).click()
        const review = tab.locator('.review', { hasText: 'Fills the room' })
        await review.waitFor()
        expect(await review.locator('.badge-verified').textContent()).toBe('Verified purchase')

        // Edit it, then find it under My reviews.
        await tab.getByLabel('Title (optional)').fill('Fills the whole room')
        await tab.getByRole('button', { name: 'Save changes' }).click()
        await tab.locator('.review', { hasText: 'Fills the whole room' }).waitFor()
        await tab.goto(`${url}/account/reviews`)
        await tab.getByText('Fills the whole room').waitFor()
        expect(problems).toEqual([])
      })
    }, 300_000)

    it('deletes a review, signs out, and resets a forgotten password through the emailed storefront link', async () => {
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems = watch(tab)
        tab.on('dialog', (dialog) => void dialog.accept())
        await signIn(tab, `/p/${extra.slug}`)
        await tab.waitForURL(`${url}/p/${extra.slug}`)
        await tab.getByRole('radio', { name: '2 stars' }).check()
        await tab.getByLabel('Title (optional)').fill('Too short for my room')
        await tab.getByRole('button', { name: 'Post review' }).click()
        await tab.locator('.review', { hasText: 'Too short for my room' }).waitFor()
        await tab.getByRole('button', { name: 'Delete review' }).click()
        await tab.getByRole('heading', { name: 'Write a review' }).waitFor()
        expect(await tab.locator('.review', { hasText: 'Too short for my room' }).count()).toBe(0)

        await tab.goto(`${url}/account`)
        await tab.getByRole('button', { name: 'Sign out' }).click()
        await tab.waitForURL(`${url}/`)
        await tab.getByRole('link', { name: 'Sign in' }).waitFor()

        const before = (await waitForEmails(customer.email)).length
        await tab.goto(`${url}/account/forgot-password`)
        await tab.getByLabel('Email').fill(customer.email)
        await tab.getByRole('button', { name: 'Send reset link' }).click()
        await tab.getByText('a reset link is on its way').waitFor()
        const emails = await waitForEmails(customer.email, before + 1)
        const link = /href="([^"]*\/account\/reset-password\/[^"]+)"/.exec(emails.at(-1)!.html)?.[1]
        expect(link).toBeTruthy()
        await tab.goto(link!)
        const newPassword = 'Another-long-passphrase-7'
        await tab.getByLabel('New password').fill(newPassword)
        await tab.getByRole('button', { name: 'Set new password' }).click()
        await tab.waitForURL(`${url}/account`)
        await tab.getByRole('heading', { name: `Signed in as ${customer.username}` }).waitFor()
        const login = await api(url, '/api/users/login', {
          method: 'POST',
          body: { email: customer.email, password: newPassword },
        })
        expect(login.status).toBe(200)
        customer.password = newPassword
        expect(problems).toEqual([])
      })
    }, 300_000)

    it('has no serious or critical axe violations on cart, checkout and account pages, screenshotted at desktop and phone width', async () => {
      const { default: imported } = await import('@axe-core/playwright')
      // The package's CommonJS default export arrives wrapped once more under jest's ESM loader.
      const AxeBuilder = ((imported as unknown as { default?: typeof imported }).default ??
        imported) as typeof imported
      fs.mkdirSync(SCREENSHOTS, { recursive: true })
      await withChromium(async (browser) => {
        const tab = await browser.newPage()
        const problems = watch(tab)
        tab.on('dialog', (dialog) => void dialog.accept())
        const check = async (name: string, pathname: string, ready: string) => {
          for (const [width, height, label] of [
            [1280, 900, 'desktop'],
            [390, 844, 'phone'],
          ] as const) {
            await tab.setViewportSize({ width, height })
            await tab.goto(`${url}${pathname}`)
            await tab.getByText(ready).first().waitFor()
            const { violations } = await new AxeBuilder({ page: tab }).analyze()
            const severe = violations
              .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
              .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target)}`)
            expect({ page: name, label, severe }).toEqual({ page: name, label, severe: [] })
            await tab.screenshot({
              path: path.join(SCREENSHOTS, `${name}-${label}.png`),
              fullPage: true,
            })
            const overflow = await tab.evaluate(
              () => document.documentElement.scrollWidth - window.innerWidth,
            )
            expect({ page: name, label, overflow }).toEqual({ page: name, label, overflow: 0 })
          }
        }
        await check('sign-up', '/account/sign-up', 'Create account')
        await check('sign-in', '/account/sign-in', 'Forgot your password?')
        await addToCart(tab, extra, 2)
        await tab.getByRole('status').getByText('Added 2 × ').waitFor()
        await check('cart-guest', '/cart', 'Sign in to check out')
        await signIn(tab, '/account')
        await tab.waitForURL(`${url}/account`)
        await addToCart(tab, speaker, 1)
        await tab.getByRole('status').getByText('Added 1 × ').waitFor()
        await check('cart', '/cart', 'Subtotal')
        await check('checkout', '/checkout', 'Shipping address')
        await check('account', '/account', 'Sign out')
        await check('orders', '/account/orders', 'Order ')
        await check('reviews', '/account/reviews', 'Fills the whole room')
        await check('api-tokens', '/account/api-tokens', 'New token')

        // A personal token: created (its secret shown once), then revoked.
        await tab.getByLabel('Name').fill('Price watcher')
        await tab.getByRole('button', { name: 'Create token' }).click()
        const secret = await tab.locator('.token-secret').textContent()
        expect(secret).toMatch(/^mkt_/)
        const asToken = await api(url, '/api/users/me', {
          headers: { Authorization: `Bearer ${secret}` },
        })
        expect((asToken.body as { user: { email: string } }).user.email).toBe(customer.email)
        await tab.getByRole('button', { name: 'Revoke Price watcher' }).click()
        await tab.getByText('You have no API tokens.').waitFor()
        expect(problems).toEqual([])
      })
    }, 300_000)
  })

  it('links vendors to the vendor console from their account page, and not customers', async () => {
    const vendor = await createAccount(url, adminToken, ['vendor'])
    const shopper = await createAccount(url, adminToken, ['customer'])
    const accountPage = async (token: string) =>
      (await fetch(`${url}/account`, { headers: { Authorization: `JWT ${token}` } })).text()
    expect(await accountPage(vendor.token)).toContain('href="/admin"')
    expect(await accountPage(shopper.token)).not.toContain('href="/admin"')
    const anonymous = await fetch(`${url}/account`, { redirect: 'manual' })
    expect(anonymous.status).toBe(307)
    expect(anonymous.headers.get('location')).toContain('/account/sign-in?next=%2Faccount')
  })

  it('keeps a saved cart to its owner over REST and GraphQL', async () => {
    const owner = await createAccount(url, adminToken, ['customer'])
    const other = await createAccount(url, adminToken, ['customer'])
    const added = await api(url, '/api/carts/mine', {
      method: 'PATCH',
      token: owner.token,
      body: { mode: 'add', items: [{ product: extra.id, quantity: 1 }] },
    })
    expect(added.body).toEqual({ items: [{ product: extra.id, quantity: 1 }], adjusted: [] })
    const own = await api(url, '/api/carts?depth=0', { token: owner.token })
    const cartId = (own.body as { docs: Array<{ id: number }> }).docs[0].id

    const listed = await api(url, '/api/carts', { token: other.token })
    expect((listed.body as { docs: unknown[] }).docs).toEqual([])
    expect((await api(url, `/api/carts/${cartId}`, { token: other.token })).status).toBe(404)
    const changed = await api(url, `/api/carts/${cartId}`, {
      method: 'PATCH',
      token: other.token,
      body: { items: [] },
    })
    expect(changed.status).toBe(403)
    const removed = await api(url, `/api/carts/${cartId}`, { method: 'DELETE', token: other.token })
    expect(removed.status).toBe(403)
    const viaGraphql = await graphql(url, '{ Carts { docs { id } } }', other.token)
    expect(viaGraphql.body).toEqual({ data: { Carts: { docs: [] } } })
    const created = await api(url, '/api/carts', {
      method: 'POST',
      token: other.token,
      body: { customer: owner.id, items: [] },
    })
    expect(created.status).toBe(403)
    expect((await api(url, '/api/carts')).status).toBe(403)
    expect((await api(url, '/api/carts/mine')).status).toBe(401)

    const still = await api(url, '/api/carts/mine', { token: owner.token })
    expect(still.body).toEqual({ items: [{ product: extra.id, quantity: 1 }], adjusted: [] })
  })
})
