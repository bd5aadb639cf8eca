import { api } from '../helpers/apiClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

/**
 * The admin UI end to end in a real browser: its pages come from Next, while the calls it makes
 * from the browser (login, lists, saving a document) go to the REST API the Express server answers.
 */
describeInBrowser('the admin UI browser test')('admin UI in headless Chromium', () => {
  let server: TestServer
  let token: string
  let productId: number
  const username = uniqueWord('admin')
  const password = 'Correct-Horse-9'
  const model = uniqueWord('Model')

  beforeAll(async () => {
    server = await startTestServer()
    const registered = await api(server.url, '/api/users/first-register', {
      method: 'POST',
      body: { email: `${username}@example.test`, username, password },
    })
    expect(registered.status).toBe(200)
    token = (registered.body as { token: string }).token
    const product = await api(server.url, '/api/products', {
      method: 'POST',
      token,
      body: { brand: 'Acme', model, price: 120, stock: 3 },
    })
    expect(product.status).toBe(201)
    productId = (product.body as { doc: { id: number } }).doc.id
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('signs staff in, lists products and saves an edit that is stored', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.goto(`${server.url}/admin/login`)
      await page.fill('input[name="username"]', username)
      await page.fill('input[name="password"]', password)
      await page.click('button[type="submit"]')
      await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })

      await page.goto(`${server.url}/admin/collections/products`)
      await page.waitForSelector(`table tbody tr:has-text("${model}")`, { timeout: 30_000 })

      await page.goto(`${server.url}/admin/collections/products/${productId}`)
      const stock = page.locator('input[name="stock"]')
      await stock.waitFor({ timeout: 30_000 })
      expect(await stock.inputValue()).toBe('3')
      await stock.fill('77')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Updated successfully').waitFor({ timeout: 30_000 })
    })

    const stored = await api(server.url, `/api/products/${productId}?depth=0`, { token })
    expect(stored.status).toBe(200)
    expect(stored.body).toMatchObject({ id: productId, model, stock: 77, available: true })
  }, 120_000)
})
