import fs from 'node:fs'
import path from 'node:path'

import type { Locator } from 'playwright-core'
import sharp from 'sharp'

import { call, createAccount, registerFirstAdmin, type Json } from '../helpers/authClient'
import { describeInBrowser, withChromium } from '../helpers/chromium'
import { startTestServer, type TestServer } from '../helpers/testServer'

const noisyPng = (width: number, height: number): Promise<Buffer> =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer()

/** An MP4 of `size` bytes: an `ftyp` box and a `free` box filling the rest. */
const largeMp4 = (size: number): Buffer => {
  const ftyp = Buffer.alloc(24)
  ftyp.writeUInt32BE(24, 0)
  ftyp.write('ftypisom', 4, 'latin1')
  ftyp.writeUInt32BE(0x200, 12)
  ftyp.write('isommp41', 16, 'latin1')
  const free = Buffer.alloc(size - 24)
  free.writeUInt32BE(size - 24, 0)
  free.write('free', 4, 'latin1')
  return Buffer.concat([ftyp, free])
}

/**
 * Vendors in the admin panel, over HTTP against the compiled server: the order lines endpoint
 * (`GET /api/orders/vendor-lines`), GraphQL parity, who may open `/admin`, and in headless
 * Chromium a vendor's whole flow (nav, creating a product with a picture, another vendor's product
 * refused, the fulfilment view). Screenshots go to tests/results/console/.
 */
describe('vendors in the admin panel', () => {
  let server: TestServer
  let url: string
  let adminJwt: string
  type Signed = Awaited<ReturnType<typeof createAccount>>
  let vendorA: Signed
  let vendorB: Signed
  let customer: Signed
  let staff: Signed
  let vendorAToken: string
  const ids = { aProduct: 0, bProduct: 0, bPending: 0, paidOrder: 0, pendingOrder: 0 }
  const address = {
    name: 'Grace Hopper',
    lines: '1 Compiler Way',
    city: 'Arlington',
    postcode: '22201',
    country: 'USA',
    phone: '+1 555 0100',
  }

  const jwt = (account: { token: string }) => `JWT ${account.token}`

  const createProduct = async (owner: number, model: string, status = 'approved') => {
    const { status: code, body } = await call(`${url}/api/products`, {
      auth: `JWT ${adminJwt}`,
      body: { brand: 'Vend', model, price: 19.9, stock: 50, status, owner },
    })
    expect(code).toBe(201)
    return body.doc.id as number
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '1000', RATE_LIMIT_API: '5000' },
    })
    url = server.url
    adminJwt = (await registerFirstAdmin(url)).token
    ;[vendorA, vendorB, customer, staff] = await Promise.all([
      createAccount(url, adminJwt, ['vendor']),
      createAccount(url, adminJwt, ['vendor']),
      createAccount(url, adminJwt, ['customer']),
      createAccount(url, adminJwt, ['staff']),
    ])
    ids.aProduct = await createProduct(vendorA.id, 'Alpha Lamp')
    ids.bProduct = await createProduct(vendorB.id, 'Bravo Chair')
    ids.bPending = await createProduct(vendorB.id, 'Bravo Secret', 'pending')
    const place = async (items: Json[]) => {
      const { status, body } = await call(`${url}/api/orders`, {
        auth: jwt(customer),
        body: { items, shippingAddress: address, notes: 'Leave at the door' },
      })
      expect(status).toBe(201)
      return body.doc.id as number
    }
    ids.paidOrder = await place([
      { product: ids.aProduct, quantity: 2 },
      { product: ids.bProduct, quantity: 5 },
    ])
    ids.pendingOrder = await place([{ product: ids.aProduct, quantity: 1 }])
    const paid = await call(`${url}/api/orders/${ids.paidOrder}`, {
      method: 'PATCH',
      auth: jwt(staff),
      body: { status: 'paid' },
    })
    expect(paid.status).toBe(200)
    const token = await call(`${url}/api/users/me/api-tokens`, {
      auth: jwt(vendorA),
      body: { name: 'fulfilment script' },
    })
    expect(token.status).toBe(201)
    vendorAToken = token.body.token
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  })

  describe('GET /api/orders/vendor-lines', () => {
    const lines = (auth: string | undefined, query = '') =>
      call(`${url}/api/orders/vendor-lines${query}`, auth ? { auth } : {})

    it("answers a vendor with their own lines only, newest order first, and nothing of the customer's", async () => {
      const { status, body } = await lines(jwt(vendorA))
      expect(status).toBe(200)
      expect(body).toMatchObject({ totalDocs: 2, page: 1, totalPages: 1, hasNextPage: false })
      expect(body.docs).toEqual([
        {
          orderId: ids.pendingOrder,
          orderedAt: expect.any(String),
          orderStatus: 'pending',
          lineId: expect.any(String),
          product: {
            id: ids.aProduct,
            brand: 'Vend',
            model: 'Alpha Lamp',
            slug: expect.any(String),
          },
          quantity: 1,
          unitPrice: 19.9,
          discount: 0,
          lineTotal: 19.9,
          currency: 'EUR',
        },
        expect.objectContaining({
          orderId: ids.paidOrder,
          orderStatus: 'paid',
          product: expect.objectContaining({ id: ids.aProduct }),
          quantity: 2,
          lineTotal: 39.8,
        }),
      ])
      const text = JSON.stringify(body)
      for (const secret of [
        customer.email,
        customer.username,
        'Bravo',
        address.lines,
        address.city,
        address.phone,
        'Leave at the door',
      ]) {
        expect(text).not.toContain(secret)
      }
    })

    it('gives the other vendor of a shared order only their line', async () => {
      const { status, body } = await lines(jwt(vendorB))
      expect(status).toBe(200)
      expect(body.totalDocs).toBe(1)
      expect(body.docs).toEqual([
        expect.objectContaining({ orderId: ids.paidOrder, quantity: 5, lineTotal: 99.5 }),
      ])
      expect(JSON.stringify(body)).not.toContain('Alpha')
    })

    it('filters by order status and pages', async () => {
      const paid = await lines(jwt(vendorA), '?status=paid')
      expect(paid.status).toBe(200)
      expect(paid.body.docs.map((line: Json) => line.orderId)).toEqual([ids.paidOrder])
      const second = await lines(jwt(vendorA), '?limit=1&page=2')
      expect(second.status).toBe(200)
      expect(second.body).toMatchObject({
        totalDocs: 2,
        totalPages: 2,
        page: 2,
        hasPrevPage: true,
        hasNextPage: false,
        prevPage: 1,
        nextPage: null,
      })
      expect(second.body.docs.map((line: Json) => line.orderId)).toEqual([ids.paidOrder])
      const beyond = await lines(jwt(vendorA), '?page=9')
      expect(beyond.status).toBe(200)
      expect(beyond.body).toMatchObject({ docs: [], totalDocs: 2, page: 9 })
    })

    it("answers a vendor's API token too (fulfilment scripts)", async () => {
      const { status, body } = await lines(`Bearer ${vendorAToken}`)
      expect(status).toBe(200)
      expect(body.totalDocs).toBe(2)
    })

    it('refuses anonymous callers (401), customers and staff (403)', async () => {
      const anonymous = await lines(undefined)
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.errors[0].message).toBe(
        'You must be logged in to see your order lines.',
      )
      for (const account of [customer, staff]) {
        const refused = await lines(jwt(account))
        expect(refused.status).toBe(403)
        expect(refused.body.errors[0].message).toBe(
          'Only vendors have order lines; staff read orders at /api/orders.',
        )
      }
    })

    it.each([
      ['?page=abc', '"page" is an integer from 1 to 100000.'],
      ['?page=0', '"page" is an integer from 1 to 100000.'],
      ['?page=1.5', '"page" is an integer from 1 to 100000.'],
      ['?limit=101', '"limit" is an integer from 1 to 100.'],
      ['?limit=-1', '"limit" is an integer from 1 to 100.'],
      ['?status=lost', '"status" is one of pending, paid, shipped, delivered, cancelled.'],
      ['?status=paid&status=pending', '"status" is given once.'],
      ['?page[equals]=1', 'Unknown parameter "page[equals]": use page, limit, status.'],
      [
        '?where[status][equals]=paid',
        'Unknown parameter "where[status][equals]": use page, limit, status.',
      ],
    ])('answers 400 for %s', async (query, message) => {
      const { status, body } = await lines(jwt(vendorA), query)
      expect(status).toBe(400)
      expect(body).toEqual({ errors: [{ message }] })
    })
  })

  describe('what else a vendor can reach', () => {
    it('gives a vendor no read access to orders, even those with their products', async () => {
      const one = await call(`${url}/api/orders/${ids.paidOrder}`, { auth: jwt(vendorA) })
      expect(one.status).toBe(404)
      const list = await call(`${url}/api/orders`, { auth: jwt(vendorA) })
      expect(list.status).toBe(200)
      expect(list.body.totalDocs).toBe(0)
    })

    it("keeps other vendors' unlisted products, orders and users out of GraphQL, aliases or not", async () => {
      const query = `{
        mine: Products(where: { owner: { equals: ${vendorB.id} } }) { docs { id model } }
        secret: Product(id: ${ids.bPending}) { id model }
        orders: Orders { totalDocs docs { id } }
        again: Orders(where: { id: { equals: ${ids.paidOrder} } }) { totalDocs }
        users: Users { docs { id email } }
        other: User(id: ${vendorB.id}) { id email }
      }`
      const { status, body } = await call(`${url}/api/graphql`, {
        auth: jwt(vendorA),
        body: { query },
      })
      expect(status).toBe(200)
      // vendor B's approved product is public (the storefront lists it); the pending one is not.
      expect(body.data.mine.docs).toEqual([{ id: ids.bProduct, model: 'Bravo Chair' }])
      expect(body.data.secret).toBeNull()
      expect(body.data.orders).toEqual({ totalDocs: 0, docs: [] })
      expect(body.data.again).toEqual({ totalDocs: 0 })
      expect(body.data.users.docs).toEqual([{ id: vendorA.id, email: vendorA.email }])
      expect(body.data.other).toBeNull()
      expect(JSON.stringify(body)).not.toContain('Bravo Secret')
      expect(JSON.stringify(body)).not.toContain(vendorB.email)
    })

    it('opens /admin to vendors signed in, not to their API token nor to customers', async () => {
      const panel = (authorization: string) =>
        fetch(`${url}/admin`, { headers: { Authorization: authorization }, redirect: 'manual' })
      const vendor = await panel(jwt(vendorA))
      expect(vendor.status).toBe(200)
      for (const authorization of [`Bearer ${vendorAToken}`, jwt(customer)]) {
        const refused = await panel(authorization)
        expect(refused.status).toBe(307)
        expect(refused.headers.get('location')).toMatch(/\/admin\/unauthorized$/)
      }
    })
  })

  describeInBrowser('the vendor console browser test')('in headless Chromium', () => {
    const shots = path.resolve('tests/results/console')

    it('lets a vendor sign in, see only their things, create a product with a picture and open the fulfilment view', async () => {
      fs.mkdirSync(shots, { recursive: true })
      // Noise does not compress: about 0.9 MB, long enough on a throttled line to show progress.
      const picture = await noisyPng(640, 480)
      const stamp = Date.now()
      const model = `Console Lamp ${stamp}`
      // Names of their own: media/ outlives a run, and Payload renames a file whose name is taken.
      const trailer = `trailer-${stamp}.mp4`
      let videoId = 0
      let shelfId = 0
      await withChromium(async (browser) => {
        const page = await browser.newPage()
        await page.setViewportSize({ width: 1280, height: 900 })
        await page.goto(`${url}/admin/login`)
        await page.fill('input[name="username"]', vendorA.username)
        await page.fill('input[name="password"]', vendorA.password)
        await page.click('button[type="submit"]')
        await page.waitForURL(`${url}/admin`, { timeout: 30_000 })
        await page.locator('#nav-products').waitFor({ timeout: 30_000 })
        if (!(await page.locator('.nav--nav-open').count())) {
          await page.locator('#nav-toggler button').first().click()
          await page.locator('.nav--nav-open').waitFor({ timeout: 10_000 })
        }
        await page.screenshot({ path: path.join(shots, 'vendor-dashboard.png'), fullPage: true })
        const nav = await page
          .locator('nav a[id^="nav-"]')
          .evaluateAll((links) => links.map((link) => link.id).sort())
        expect(nav).toEqual(['nav-fulfilment', 'nav-media', 'nav-products'])

        await page.goto(`${url}/admin/collections/products`)
        await page.waitForSelector('table tbody tr:has-text("Alpha Lamp")', { timeout: 30_000 })
        expect(await page.locator('table tbody tr:has-text("Bravo")').count()).toBe(0)
        await page.screenshot({ path: path.join(shots, 'vendor-products.png'), fullPage: true })

        await page.goto(`${url}/admin/collections/products/create`)
        await page.locator('input[name="brand"]').waitFor({ timeout: 30_000 })
        await page.fill('input[name="brand"]', 'Console')
        await page.fill('input[name="model"]', model)
        await page.fill('input[name="price"]', '42.5')
        await page.fill('input[name="stock"]', '7')
        const cdp = await browser.newCDPSession(page)
        await cdp.send('Network.enable')
        const throttle = (uploadThroughput: number) =>
          cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: 0,
            downloadThroughput: -1,
            uploadThroughput,
          })
        // Every way a vendor uploads goes through the one-file media form, whose Save reports
        // progress: on a throttled connection it shows "Uploading … MB of … MB".
        const saveWithProgress = async (
          form: Locator,
          file: { name: string; mimeType: string; buffer: Buffer },
          alt: string | null,
          shot: string,
        ) => {
          await form.locator('input[type="file"]').setInputFiles(file)
          if (alt) await form.locator('input[name="alt"]').fill(alt)
          await throttle(512 * 1024)
          await form.getByRole('button', { name: 'Save' }).click()
          const size = `${(file.buffer.length / 1024 / 1024).toFixed(1)} MB`
          await form
            .getByRole('status')
            .filter({ hasText: `MB of ${size}` })
            .filter({ hasText: 'Uploading' })
            .waitFor({ timeout: 30_000 })
          await page.screenshot({ path: path.join(shots, shot) })
        }
        const uploadThrough = async (
          open: () => Promise<void>,
          file: { name: string; mimeType: string; buffer: Buffer },
          alt: string | null,
          shot: string,
        ) => {
          await open()
          const drawer = page.locator('dialog[open], .drawer--is-open').last()
          await saveWithProgress(drawer, file, alt, shot)
          await drawer.waitFor({ state: 'detached', timeout: 60_000 })
          await throttle(-1)
        }
        // Payload's own "Create New" and drop zone (the bulk-upload drawer, no progress) are gone
        // from upload fields: "Upload a new file" opens the one-file form instead.
        const images = page.locator('#field-images')
        await images.getByRole('button', { name: 'Choose from existing' }).waitFor()
        expect(await page.getByRole('button', { name: 'Create New' }).count()).toBe(0)
        await uploadThrough(
          () => images.getByRole('button', { name: 'Upload a new file' }).click(),
          { name: `desk-lamp-${stamp}.png`, mimeType: 'image/png', buffer: picture },
          'A lamp on a desk',
          'vendor-image-field-progress.png',
        )
        await images
          .getByText(`desk-lamp-${stamp}`, { exact: false })
          .first()
          .waitFor({ timeout: 30_000 })
        const video = page.locator('#field-video')
        await uploadThrough(
          () => video.getByRole('button', { name: 'Upload a new file' }).click(),
          { name: trailer, mimeType: 'video/mp4', buffer: largeMp4(3 * 1024 * 1024) },
          null,
          'vendor-video-drawer-progress.png',
        )
        await video.getByText(trailer).waitFor({ timeout: 60_000 })

        await page.getByRole('button', { name: 'Save' }).first().click()
        await page.waitForURL(/\/admin\/collections\/products\/\d+$/, { timeout: 30_000 })
        await page.getByText('Moderation status').first().waitFor({ timeout: 30_000 })
        await page.screenshot({
          path: path.join(shots, 'vendor-product-saved.png'),
          fullPage: true,
        })

        // Payload sends a document the user may not read back to its list, saying so.
        await page.goto(`${url}/admin/collections/products/${ids.bPending}`)
        await page.waitForURL(`${url}/admin/collections/products?notFound=${ids.bPending}`, {
          timeout: 30_000,
        })
        await page
          .getByText(`The document with ID ${ids.bPending} could not be found`)
          .waitFor({ timeout: 30_000 })
        expect(await page.getByText('Bravo Secret').count()).toBe(0)
        await page.screenshot({ path: path.join(shots, 'vendor-other-product.png') })
        for (const hidden of ['users', 'orders', 'categories']) {
          await page.goto(`${url}/admin/collections/${hidden}`)
          await page.getByText('Nothing found').first().waitFor({ timeout: 30_000 })
          expect(await page.locator('table').count()).toBe(0)
        }

        await page.goto(`${url}/admin/account`)
        await page.locator('input[name="username"]').waitFor({ timeout: 30_000 })
        expect(await page.locator('input[name="username"]').inputValue()).toBe(vendorA.username)
        const avatar = page.locator('#field-avatar')
        await uploadThrough(
          () => avatar.getByRole('button', { name: 'Upload a new file' }).click(),
          { name: `portrait-${stamp}.png`, mimeType: 'image/png', buffer: picture },
          'The vendor smiling',
          'vendor-avatar-progress.png',
        )
        await avatar
          .getByText(`portrait-${stamp}`, { exact: false })
          .first()
          .waitFor({ timeout: 30_000 })
        await page.getByRole('button', { name: 'Save' }).first().click()
        await page.getByText('Updated successfully').first().waitFor({ timeout: 30_000 })

        // The media list offers "Create New" (the one-file form) and no "Bulk upload".
        await page.goto(`${url}/admin/collections/media`)
        await page.getByRole('link', { name: 'Create New' }).first().waitFor({ timeout: 30_000 })
        expect(await page.getByRole('button', { name: 'Bulk upload' }).count()).toBe(0)
        await page.screenshot({ path: path.join(shots, 'vendor-media-list.png') })
        await page.getByRole('link', { name: 'Create New' }).first().click()
        await page.waitForURL(`${url}/admin/collections/media/create`, { timeout: 30_000 })
        await saveWithProgress(
          page.locator('body'),
          { name: 'shelf.png', mimeType: 'image/png', buffer: picture },
          'A shelf of lamps',
          'vendor-media-create-progress.png',
        )
        await page.waitForURL(/\/admin\/collections\/media\/\d+$/, { timeout: 60_000 })
        await throttle(-1)
        shelfId = Number(page.url().split('/').pop())

        // A 6 MB video on a throttled connection: the Save button reports how far the upload is.
        await page.goto(`${url}/admin/collections/media/create`)
        await page.locator('input[type="file"]').setInputFiles({
          name: 'clip.mp4',
          mimeType: 'video/mp4',
          buffer: largeMp4(6 * 1024 * 1024),
        })
        await throttle(1024 * 1024)
        await page.getByRole('button', { name: 'Save' }).click()
        const status = page.getByRole('status').filter({ hasText: /Uploading .* MB of 6\.0 MB/ })
        await status.waitFor({ timeout: 30_000 })
        const percent = Number(await page.locator('progress').getAttribute('value'))
        await page.screenshot({ path: path.join(shots, 'vendor-video-progress.png') })
        await page.waitForURL(/\/admin\/collections\/media\/\d+$/, { timeout: 60_000 })
        expect(percent).toBeGreaterThanOrEqual(0)
        expect(percent).toBeLessThan(100)
        await throttle(-1)
        videoId = Number(page.url().split('/').pop())

        await page.goto(`${url}/admin/fulfilment`)
        await page.waitForSelector('table tbody tr', { timeout: 30_000 })
        const rows = await page.locator('table tbody tr').allInnerTexts()
        expect(rows).toHaveLength(2)
        expect(rows.join('\n')).toContain('Alpha Lamp')
        const text = await page.locator('body').innerText()
        for (const secret of [customer.email, customer.username, 'Bravo', address.city]) {
          expect(text).not.toContain(secret)
        }
        await page.screenshot({ path: path.join(shots, 'vendor-fulfilment.png'), fullPage: true })
      })

      const stored = await call(
        `${url}/api/products?where[model][equals]=${encodeURIComponent(model)}&depth=1`,
        { auth: `JWT ${adminJwt}` },
      )
      expect(stored.status).toBe(200)
      expect(stored.body.docs).toHaveLength(1)
      const [product] = stored.body.docs
      expect(product).toMatchObject({
        status: 'pending',
        owner: expect.objectContaining({ id: vendorA.id }),
        price: 42.5,
        stock: 7,
      })
      expect(product.video).toMatchObject({ filename: trailer, mimeType: 'video/mp4' })
      expect(product.video.uploadedBy).toBe(vendorA.id)
      expect(product.images).toHaveLength(1)
      expect(product.images[0]).toMatchObject({ alt: 'A lamp on a desk', mimeType: 'image/png' })
      const media = await call(`${url}/api/media/${product.images[0].id}?depth=0`, {
        auth: `JWT ${adminJwt}`,
      })
      expect(media.body.uploadedBy).toBe(vendorA.id)
      const video = await call(`${url}/api/media/${videoId}?depth=0`, { auth: `JWT ${adminJwt}` })
      expect(video.body).toMatchObject({
        mimeType: 'video/mp4',
        filesize: 6 * 1024 * 1024,
        uploadedBy: vendorA.id,
      })
      const shelf = await call(`${url}/api/media/${shelfId}?depth=0`, { auth: `JWT ${adminJwt}` })
      expect(shelf.body).toMatchObject({ alt: 'A shelf of lamps', uploadedBy: vendorA.id })
      const account = await call(`${url}/api/users/${vendorA.id}?depth=1`, {
        auth: `JWT ${adminJwt}`,
      })
      expect(account.body.avatar).toMatchObject({
        alt: 'The vendor smiling',
        mimeType: 'image/png',
        uploadedBy: vendorA.id,
      })
      // Every upload's file is on disk under media/.
      for (const doc of [
        product.video,
        product.images[0],
        video.body,
        shelf.body,
        account.body.avatar,
      ]) {
        expect(fs.statSync(path.resolve('media', doc.filename)).size).toBe(doc.filesize)
      }
    }, 240_000)
  })
})
