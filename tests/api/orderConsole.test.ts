import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

import { api, graphql, type Json } from '../helpers/apiClient'
import { type Account, createAccount, registerFirstAdmin } from '../helpers/authClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { testAddress } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SCREENSHOTS = path.resolve('tests/results/console')

/**
 * Orders in the admin panel, in a real browser against the compiled server: titles and money in
 * the list, the presets above it, the status buttons (only the legal moves, a confirmation for a
 * cancel) and the timeline; what the buttons did is then read back over REST. Also: the title
 * and the timeline cannot be written over REST or GraphQL.
 */
describeInBrowser('the order console browser test')('orders in the admin panel', () => {
  let server: TestServer
  let admin: Account & { token: string }
  let staff: Account & { token: string }
  let customer: Account & { token: string }
  let productId: number

  const call = async (route: string, options: Parameters<typeof api>[2] = {}) => {
    const { status, body } = await api(server.url, route, options)
    return { status, body: body as Json }
  }

  const stockOf = async (id: number): Promise<number> =>
    (await call(`/api/products/${id}?depth=0`, { token: admin.token })).body.stock

  const storedOrder = async (id: number): Promise<Json> =>
    (await call(`/api/orders/${id}?depth=0`, { token: admin.token })).body

  /** An order of `quantity` units placed by the customer over REST. */
  const placeOrder = async (quantity: number): Promise<Json> => {
    const { status, body } = await call('/api/orders', {
      method: 'POST',
      token: customer.token,
      body: { items: [{ product: productId, quantity }], shippingAddress: testAddress },
    })
    expect(status).toBe(201)
    return body.doc
  }

  const setStatus = async (id: number, status: string) =>
    expect(
      (await call(`/api/orders/${id}`, { method: 'PATCH', token: staff.token, body: { status } }))
        .status,
    ).toBe(200)

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startTestServer()
    admin = await registerFirstAdmin(server.url)
    staff = await createAccount(server.url, admin.token, ['staff'])
    customer = await createAccount(server.url, admin.token, ['customer'])
    const product = await call('/api/products', {
      method: 'POST',
      token: admin.token,
      body: { brand: 'Acme', model: 'Espresso machine', price: 625.72, stock: 20 },
    })
    expect(product.status).toBe(201)
    productId = product.body.doc.id
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('ignores a title and a timeline sent over REST and GraphQL, by the customer and by staff', async () => {
    const order = await placeOrder(1)
    const title = `#${order.id} · ${customer.username} · €625.72`
    expect(order.title).toBe(title)
    const placed = order.statusHistory.map(({ from, to }: Json) => ({ from, to }))
    expect(placed).toEqual([{ from: null, to: 'pending' }])
    const forged = [{ at: '2020-01-01T00:00:00.000Z', from: 'paid', to: 'delivered' }]
    for (const { token } of [customer, staff]) {
      const patched = await call(`/api/orders/${order.id}`, {
        method: 'PATCH',
        token,
        body: { title: 'Free', statusHistory: forged, notes: 'hello' },
      })
      expect(patched.status).toBe(200)
      const gql = await graphql(
        server.url,
        `mutation { updateOrder(id: ${order.id}, data: { title: "Gift",
          statusHistory: [{ at: "2020-01-01T00:00:00.000Z", from: paid, to: delivered }] }) { title } }`,
        token,
      )
      expect(gql.body).toEqual({ data: { updateOrder: { title } } })
      const stored = await storedOrder(order.id)
      expect(stored.title).toBe(title)
      expect(stored.statusHistory.map(({ from, to }: Json) => ({ from, to }))).toEqual(placed)
    }
    const created = await call('/api/orders', {
      method: 'POST',
      token: customer.token,
      body: {
        items: [{ product: productId, quantity: 1 }],
        shippingAddress: testAddress,
        title: 'Mine',
        statusHistory: forged,
      },
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.title).toBe(`#${created.body.doc.id} · ${customer.username} · €625.72`)
    expect(created.body.doc.statusHistory).toHaveLength(1)
  })

  /** The labels of the status buttons the edit view offers. */
  const buttons = async (page: Page): Promise<string[]> =>
    (await page.locator('[role="group"][aria-label="Next steps"] button').allInnerTexts()).map(
      (text) => text.trim(),
    )

  /** Waits for the list's customer cells, which load after the rows. */
  const customerCellsLoaded = (page: Page) =>
    page
      .locator(`table tbody td:has-text("${customer.username}"):not(:has-text("·"))`)
      .first()
      .waitFor({ timeout: 30_000 })

  const openOrder = async (page: Page, id: number, status: string) => {
    await page.goto(`${server.url}/admin/collections/orders/${id}`)
    await page.locator(`[data-order-status="${status}"]`).waitFor({ timeout: 30_000 })
  }

  it('staff see the legal moves only, mark an order paid then shipped, and confirm a cancel', async () => {
    const toShip = await placeOrder(2)
    const toCancel = await placeOrder(3)
    const alreadyPaid = await placeOrder(1)
    await setStatus(alreadyPaid.id, 'paid')
    const stockBefore = await stockOf(productId)

    await withChromium(async (browser) => {
      const page = await browser.newPage()
      await page.setViewportSize({ width: 1400, height: 900 })
      await page.goto(`${server.url}/admin/login`)
      await page.fill('input[name="username"]', staff.username)
      await page.fill('input[name="password"]', staff.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(`${server.url}/admin`, { timeout: 30_000 })

      // The list: titles, money with its currency, the presets with their counts.
      await page.goto(`${server.url}/admin/collections/orders`)
      const firstTitle = `#${toShip.id} · ${customer.username} · €1,251.44`
      await page.locator(`table tbody tr:has-text("${firstTitle}")`).waitFor({ timeout: 30_000 })
      expect(await page.locator('table tbody').innerText()).toContain('€1,877.16')
      await customerCellsLoaded(page)
      await page.screenshot({ path: `${SCREENSHOTS}/orders-list.png`, fullPage: true })
      const presets = page.locator('nav[aria-label="Order presets"] a')
      expect(await presets.allInnerTexts()).toEqual([
        'All orders',
        'To ship (1)',
        'Pending payment (4)',
      ])

      await presets.filter({ hasText: 'To ship' }).click()
      await page.waitForURL(/where%5Bstatus%5D%5Bequals%5D=paid|where\[status\]\[equals\]=paid/)
      await page.locator(`table tbody tr:has-text("#${alreadyPaid.id} ·")`).waitFor()
      expect(await page.locator('table tbody tr').count()).toBe(1)
      await customerCellsLoaded(page)
      await page.screenshot({ path: `${SCREENSHOTS}/orders-to-ship.png`, fullPage: true })

      // Pending → paid → shipped with the buttons; each step offers only the table's moves.
      await openOrder(page, toShip.id, 'pending')
      expect(await page.locator('h1').first().innerText()).toContain(firstTitle)
      expect(await buttons(page)).toEqual(['Mark paid', 'Cancel order'])
      expect(await page.locator('[data-money-field="total"]').innerText()).toBe('€1,251.44')
      await page.screenshot({ path: `${SCREENSHOTS}/order-pending.png`, fullPage: true })
      await page.getByRole('button', { name: 'Mark paid' }).click()
      await page.locator('[data-order-status="paid"]').waitFor({ timeout: 30_000 })
      expect(await buttons(page)).toEqual(['Mark shipped', 'Cancel order'])
      await page.getByRole('button', { name: 'Mark shipped' }).click()
      await page.locator('[data-order-status="shipped"]').waitFor({ timeout: 30_000 })
      expect(await buttons(page)).toEqual(['Mark delivered'])
      const timeline = page.locator('[data-order-timeline] li')
      expect(await timeline.count()).toBe(3)
      expect(await timeline.first().innerText()).toContain('Paid → Shipped')
      expect(await timeline.first().innerText()).toContain(`by ${staff.username}`)
      await page.screenshot({ path: `${SCREENSHOTS}/order-shipped.png`, fullPage: true })
      // Saving the form afterwards stores the edit and leaves status and timeline as they are.
      await page.locator('textarea[name="notes"]').fill('Left with the neighbour')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Updated successfully').waitFor({ timeout: 30_000 })

      // A cancel asks first; keeping the order changes nothing, confirming cancels it.
      await openOrder(page, toCancel.id, 'pending')
      await page.getByRole('button', { name: 'Cancel order' }).click()
      const dialog = page.locator('.confirmation-modal')
      await dialog.waitFor({ timeout: 10_000 })
      await page.screenshot({ path: `${SCREENSHOTS}/order-cancel-confirm.png`, fullPage: true })
      await dialog.getByRole('button', { name: 'Keep the order' }).click()
      await dialog.waitFor({ state: 'hidden' })
      expect((await storedOrder(toCancel.id)).status).toBe('pending')
      await page.getByRole('button', { name: 'Cancel order' }).click()
      await dialog.getByRole('button', { name: 'Cancel order' }).click()
      await page.locator('[data-order-status="cancelled"]').waitFor({ timeout: 30_000 })
      expect(await buttons(page)).toEqual([])
      await page.screenshot({ path: `${SCREENSHOTS}/order-cancelled.png`, fullPage: true })
    })

    const shipped = await storedOrder(toShip.id)
    expect(shipped.status).toBe('shipped')
    expect(shipped.notes).toBe('Left with the neighbour')
    expect(shipped.statusHistory.map(({ by, from, to }: Json) => ({ by, from, to }))).toEqual([
      { by: customer.id, from: null, to: 'pending' },
      { by: staff.id, from: 'pending', to: 'paid' },
      { by: staff.id, from: 'paid', to: 'shipped' },
    ])
    const cancelled = await storedOrder(toCancel.id)
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.statusHistory.at(-1)).toMatchObject({
      by: staff.id,
      from: 'pending',
      to: 'cancelled',
    })
    // The cancel gave its 3 units back; the shipped order keeps its 2.
    expect(await stockOf(productId)).toBe(stockBefore + 3)
  }, 180_000)
})
