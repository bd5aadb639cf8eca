/** The catalog over HTTP against the production build: status codes, error bodies, GraphQL parity. */
import { jpegBytes, mp4Bytes, PASSWORD, pngBytes, webmBytes } from '../helpers/fixtures'
import { api, uploadFile } from '../helpers/apiClient'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { activationTokenIn, waitForEmails } from '../helpers/outbox'

let server: TestServer

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies of many shapes

type Session = { id: number; headers: Record<string, string> }

/** `api` on this file's server, acting for `session`; the body must be JSON (or empty). */
const call = async (
  method: string,
  path: string,
  { session, body }: { session?: Session; body?: unknown } = {},
): Promise<{ status: number; body: Json }> => {
  const response = await api(server.url, path, { method, body, headers: session?.headers })
  return { status: response.status, body: response.text ? JSON.parse(response.text) : {} }
}

const graphql = (query: string, session?: Session) =>
  call('POST', '/api/graphql', { session, body: { query } })

const login = async (email: string): Promise<Session> => {
  const { status, body } = await call('POST', '/api/users/login', {
    body: { email, password: PASSWORD },
  })
  expect(status).toBe(200)
  return { id: body.user.id, headers: { Authorization: `JWT ${body.token}` } }
}

/** Follows the activation link emailed to a new account (sign-ups start inactive). */
const activate = async (email: string): Promise<string> => {
  const [message] = await waitForEmails(email)
  const response = await fetch(`${server.url}/api/users/activate/${activationTokenIn(message)}`)
  expect(response.status).toBe(200)
  return email
}

let counter = 0
const signUp = async (prefix: string, roles?: string[]) => {
  counter += 1
  const username = `${prefix}${counter}`
  const email = `${username}@example.com`
  const response = await call('POST', '/api/users', {
    body: { username, email, password: PASSWORD, ...(roles ? { roles } : {}) },
  })
  return { ...response, username, email }
}

const upload = async (
  session: Session | undefined,
  bytes: Buffer,
  filename: string,
  type: string,
  data: Json = {},
) => {
  const { status, body } = await uploadFile(server.url, {
    bytes,
    filename,
    type,
    data,
    headers: session?.headers ?? {},
  })
  return { status, body: body as Json }
}

let admin: Session
let staff: Session
let vendor: Session
let otherVendor: Session
let customer: Session
let category: Json

const createProduct = async (session: Session, data: Json = {}) => {
  counter += 1
  const { status, body } = await call('POST', '/api/products', {
    session,
    body: {
      brand: 'Acme',
      model: `Widget ${counter}`,
      price: 100,
      stock: 5,
      category: category.id,
      ...data,
    },
  })
  expect(status).toBe(201)
  return body.doc as Json
}

beforeAll(async () => {
  server = await startTestServer({
    env: { RATE_LIMIT_API: '100000', RATE_LIMIT_CREDENTIALS: '100000' },
  })
  const first = await signUp('root')
  expect(first.status).toBe(201)
  admin = await login(first.email)
  const staffAccount = await call('POST', '/api/users', {
    session: admin,
    body: {
      username: 'moderator',
      email: 'moderator@example.com',
      password: PASSWORD,
      roles: ['staff'],
    },
  })
  expect(staffAccount.status).toBe(201)
  staff = await login('moderator@example.com')
  vendor = await login(await activate((await signUp('vendor', ['vendor'])).email))
  otherVendor = await login(await activate((await signUp('vendor', ['vendor'])).email))
  customer = await login(await activate((await signUp('customer')).email))
  category = (await call('POST', '/api/categories', { session: staff, body: { name: 'Gadgets' } }))
    .body.doc
  expect(category.slug).toBe('gadgets')
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('users over HTTP', () => {
  it('makes the first user of an empty database an admin', async () => {
    const me = await call('GET', '/api/users/me', { session: admin })
    expect(me.body.user.roles).toEqual(['admin'])
  })

  it('lets public sign-up choose vendor but never admin or staff', async () => {
    const attempt = await signUp('sneaky', ['admin'])
    expect(attempt.status).toBe(201)
    const stored = await call('GET', `/api/users/${attempt.body.doc.id}`, { session: admin })
    expect(stored.body.roles).toEqual(['customer'])
  })

  it('ignores roles a customer sends about themself', async () => {
    const response = await call('PATCH', `/api/users/${customer.id}`, {
      session: customer,
      body: { roles: ['admin'], name: 'Still a customer' },
    })
    expect(response.status).toBe(200)
    const stored = await call('GET', `/api/users/${customer.id}`, { session: admin })
    expect(stored.body).toMatchObject({ roles: ['customer'], name: 'Still a customer' })
  })

  it('answers a duplicate username in another case with 400 naming the field', async () => {
    const first = await signUp('Dupe')
    const response = await call('POST', '/api/users', {
      body: {
        username: first.username.toUpperCase(),
        email: 'other-dupe@example.com',
        password: PASSWORD,
      },
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([
      expect.objectContaining({ path: 'username' }),
    ])
  })

  it('answers an invalid username with 400 and a clear message', async () => {
    const response = await call('POST', '/api/users', {
      body: { username: 'no spaces!', email: 'bad-name@example.com', password: PASSWORD },
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0]).toMatchObject({
      path: 'username',
      message: expect.stringMatching(/3–30 characters/),
    })
  })

  it('lets staff search users by partial username, and shows a customer only themself', async () => {
    const search = '/api/users?where[username][like]=endor'
    const byStaff = await call('GET', search, { session: staff })
    expect(byStaff.status).toBe(200)
    expect(byStaff.body.totalDocs).toBeGreaterThanOrEqual(2)
    const byCustomer = await call('GET', search, { session: customer })
    expect(byCustomer.body.totalDocs).toBe(0)
    const anonymous = await call('GET', '/api/users')
    expect(anonymous.status).toBe(403)
  })

  it('refuses staff deleting users (403) and lets admins', async () => {
    const victim = await signUp('victim')
    const byStaff = await call('DELETE', `/api/users/${victim.body.doc.id}`, { session: staff })
    expect(byStaff.status).toBe(403)
    const byAdmin = await call('DELETE', `/api/users/${victim.body.doc.id}`, { session: admin })
    expect(byAdmin.status).toBe(200)
  })
})

describe('categories over HTTP', () => {
  it('refuses to delete a category with products with a 409 whose message reaches the client', async () => {
    const used = (await call('POST', '/api/categories', { session: staff, body: { name: 'Used' } }))
      .body.doc
    await createProduct(vendor, { category: used.id })
    const response = await call('DELETE', `/api/categories/${used.id}`, { session: staff })
    expect(response.status).toBe(409)
    expect(response.body.errors[0].message).toBe(
      'This category still has 1 product (including any in the trash); move them to another category first.',
    )
    expect((await call('GET', `/api/categories/${used.id}`)).status).toBe(200)
  })

  it('refuses a category as its own parent with 400', async () => {
    const response = await call('PATCH', `/api/categories/${category.id}`, {
      session: staff,
      body: { parent: category.id },
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toBe('A category cannot be its own parent.')
  })

  it('deletes a category once under parallel DELETEs and edits: the others answer 404 JSON, never 500', async () => {
    const target = (
      await call('POST', '/api/categories', { session: staff, body: { name: 'Raced' } })
    ).body.doc
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        index % 2 === 0
          ? call('DELETE', `/api/categories/${target.id}`, { session: index % 4 ? admin : staff })
          : call('PATCH', `/api/categories/${target.id}`, {
              session: staff,
              body: { description: 'Edited during a delete' },
            }),
      ),
    )
    const deletes = responses.filter((_, index) => index % 2 === 0)
    expect(deletes.filter((response) => response.status === 200)).toHaveLength(1)
    for (const response of responses.filter((each) => each.status !== 200)) {
      expect(response.status).toBe(404)
      expect(response.body.errors[0].message).toBe('Not Found')
    }
    expect((await call('GET', `/api/categories/${target.id}`)).status).toBe(404)
  })

  it('refuses category writes by vendors', async () => {
    const response = await call('POST', '/api/categories', {
      session: vendor,
      body: { name: 'Mine' },
    })
    expect(response.status).toBe(403)
  })
})

describe('products over HTTP', () => {
  it('creates vendor products as pending, hidden from anonymous readers', async () => {
    const product = await createProduct(vendor, { status: 'approved', owner: otherVendor.id })
    expect(product).toMatchObject({ status: 'pending', available: false })
    expect(product.owner.id ?? product.owner).toBe(vendor.id)
    expect((await call('GET', `/api/products/${product.id}`)).status).toBe(404)
    expect((await call('GET', `/api/products/${product.id}`, { session: vendor })).status).toBe(200)
  })

  it('refuses product creation by customers (403)', async () => {
    const response = await call('POST', '/api/products', {
      session: customer,
      body: { brand: 'A', model: 'B', price: 1, stock: 1 },
    })
    expect(response.status).toBe(403)
  })

  it('approves through POST /:id/approve: 401, 403, 200, then 409', async () => {
    const product = await createProduct(vendor)
    const path = `/api/products/${product.id}/approve`
    expect((await call('POST', path)).status).toBe(401)
    const byVendor = await call('POST', path, { session: vendor })
    expect(byVendor.status).toBe(403)
    const approved = await call('POST', path, { session: staff })
    expect(approved.status).toBe(200)
    expect(approved.body.doc).toMatchObject({
      status: 'approved',
      available: true,
      reviewedBy: expect.anything(),
    })
    const again = await call('POST', path, { session: staff })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe('The product is already approved.')
    expect((await call('GET', `/api/products/${product.id}`)).status).toBe(200)
  })

  it('rejects through POST /:id/reject only with a reason', async () => {
    const product = await createProduct(vendor)
    const path = `/api/products/${product.id}/reject`
    const without = await call('POST', path, { session: staff, body: {} })
    expect(without.status).toBe(400)
    expect(without.body.errors[0].message).toBe('A reason is required to reject a product.')
    const rejected = await call('POST', path, { session: admin, body: { reason: 'Counterfeit' } })
    expect(rejected.status).toBe(200)
    expect(rejected.body.doc).toMatchObject({ status: 'rejected', rejectionReason: 'Counterfeit' })
  })

  it('answers 404 for reviewing a product that does not exist', async () => {
    expect((await call('POST', '/api/products/999999/approve', { session: staff })).status).toBe(
      404,
    )
  })

  it('ignores a status sent by the vendor in a PATCH', async () => {
    const product = await createProduct(vendor)
    const response = await call('PATCH', `/api/products/${product.id}`, {
      session: vendor,
      body: { status: 'approved', stock: 9 },
    })
    expect(response.status).toBe(200)
    expect(response.body.doc).toMatchObject({ status: 'pending', stock: 9 })
  })

  it('serves GET /history (not taken for an id): own products, newest first; 401 anonymous', async () => {
    const anonymous = await call('GET', '/api/products/history')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].message).toMatch(/logged in/)
    const newest = await createProduct(otherVendor)
    const history = await call('GET', '/api/products/history?limit=5', { session: otherVendor })
    expect(history.status).toBe(200)
    expect(history.body.docs[0].id).toBe(newest.id)
    expect(history.body.docs.every((doc: Json) => doc.owner === otherVendor.id)).toBe(true)
    expect(history.body).toMatchObject({ page: 1, limit: 5 })
  })

  it('filters by price range and availability and sorts by finalPrice', async () => {
    const brand = `Filter${Date.now()}`
    const a = await createProduct(staff, { brand, price: 30 })
    const b = await createProduct(staff, { brand, price: 20, discount: 10 })
    await createProduct(staff, { brand, price: 500 })
    const query =
      `/api/products?where[brand][equals]=${brand}&where[finalPrice][less_than]=100` +
      '&where[available][equals]=true&sort=-finalPrice&depth=0'
    const response = await call('GET', query)
    expect(response.body.docs.map((doc: Json) => [doc.id, doc.finalPrice])).toEqual([
      [a.id, 30],
      [b.id, 18],
    ])
  })

  it('answers an id filter no id can match with 400 saying so, never a 500', async () => {
    for (const [filter, message] of [
      ['where[category][equals]=phones', 'phones is not a valid id for "category"'],
      ['where[id][in]=1,99999999999', '99999999999 is not a valid id for "id"'],
      ['where[owner.id][equals]=2147483648', '2147483648 is not a valid id for "owner.id"'],
    ]) {
      const response = await call('GET', `/api/products?${filter}`)
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toBe(message)
    }
    expect((await call('GET', '/api/products?where[category][equals]=null')).status).toBe(200)
  })

  it('moves a product to the trash for its vendor; it disappears from reads', async () => {
    const product = await createProduct(staff)
    const byOther = await call('PATCH', `/api/products/${product.id}`, {
      session: otherVendor,
      body: { deletedAt: new Date().toISOString() },
    })
    expect(byOther.status).toBe(403)
    const trashed = await call('PATCH', `/api/products/${product.id}`, {
      session: staff,
      body: { deletedAt: new Date().toISOString() },
    })
    expect(trashed.status).toBe(200)
    expect((await call('GET', `/api/products/${product.id}`)).status).toBe(404)
  })
})

describe('media uploads over HTTP', () => {
  it('accepts a JPEG with alt text and generates WebP sizes', async () => {
    const response = await upload(vendor, await jpegBytes(800, 600), 'photo.jpg', 'image/jpeg', {
      alt: 'A photo',
    })
    expect(response.status).toBe(201)
    expect(response.body.doc).toMatchObject({
      mimeType: 'image/jpeg',
      uploadedBy: expect.anything(),
    })
    expect(response.body.doc.sizes.thumbnail.mimeType).toBe('image/webp')
  })

  it.each([
    ['video.mp4', 'video/mp4', mp4Bytes],
    ['video.webm', 'video/webm', webmBytes],
  ])('accepts the video %s', async (name, type, bytes) => {
    const response = await upload(vendor, bytes(), name, type)
    expect(response.status).toBe(201)
    expect(response.body.doc.mimeType).toBe(type)
  })

  it('refuses an image without alt text (400)', async () => {
    const response = await upload(vendor, await pngBytes(), 'no-alt.png', 'image/png')
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0]).toMatchObject({
      path: 'alt',
      message: 'Alt text is required for images.',
    })
  })

  const svgWithScript = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="1" height="1"/></svg>',
  )
  const executable = Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(62),
    Buffer.from('PE\0\0'),
    Buffer.alloc(200),
  ])

  const textFile = Buffer.from('just some text, not a picture\n'.repeat(20))

  it.each([
    [
      'an executable',
      executable,
      'setup.exe',
      'application/octet-stream',
      /Invalid MIME type: application\/x-msdownload/,
    ],
    [
      'an executable renamed .jpg',
      executable,
      'cat.jpg',
      'image/jpeg',
      /Invalid MIME type: application\/x-msdownload/,
    ],
    [
      'an SVG with a script',
      svgWithScript,
      'logo.svg',
      'image/svg+xml',
      /SVG file contains potentially harmful content/,
    ],
    [
      'an SVG renamed .png',
      svgWithScript,
      'logo.png',
      'image/png',
      /Invalid MIME type: image\/svg\+xml/,
    ],
    [
      'a text file renamed .jpg',
      textFile,
      'notes.jpg',
      'image/jpeg',
      /text\/plain .* is not allowed/,
    ],
  ])(
    'refuses %s with a 400 JSON error naming the file',
    async (_label, bytes, name, type, reason) => {
      const response = await upload(vendor, bytes, name, type, { alt: 'x' })
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toBe('The following field is invalid: file')
      expect(response.body.errors[0].data.errors[0]).toMatchObject({
        path: 'file',
        message: expect.stringMatching(reason),
      })
    },
  )

  it('refuses anonymous uploads (403) and changes by another user (403)', async () => {
    expect(
      (await upload(undefined, await pngBytes(), 'anon.png', 'image/png', { alt: 'x' })).status,
    ).toBe(403)
    const mine = await upload(vendor, await pngBytes(), 'mine.png', 'image/png', { alt: 'Mine' })
    const byOther = await call('PATCH', `/api/media/${mine.body.doc.id}`, {
      session: customer,
      body: { alt: 'Hijacked' },
    })
    expect(byOther.status).toBe(403)
    expect((await call('GET', `/api/media/${mine.body.doc.id}`)).body.alt).toBe('Mine')
  })

  it('refuses a video as a product picture (400)', async () => {
    const video = await upload(vendor, mp4Bytes(), 'clip.mp4', 'video/mp4')
    const response = await call('POST', '/api/products', {
      session: vendor,
      body: { brand: 'A', model: 'B', price: 1, stock: 1, images: [video.body.doc.id] },
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0].path).toBe('images')
  })
})

describe('GraphQL parity', () => {
  it('never returns pending products to anonymous GraphQL readers', async () => {
    const pending = await createProduct(vendor)
    const list = await graphql('{ Products(limit: 1000) { docs { id status } } }')
    const statuses = list.body.data.Products.docs.map((doc: Json) => doc.status)
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['approved']))
    const single = await graphql(`{ Product(id: ${pending.id}) { id status } }`)
    expect(single.body.data?.Product ?? null).toBeNull()
  })

  it("refuses a vendor's GraphQL update of another vendor's product", async () => {
    const product = await createProduct(vendor)
    const response = await graphql(
      `mutation { updateProduct(id: ${product.id}, data: { price: 1 }) { id price } }`,
      otherVendor,
    )
    expect(response.body.errors?.[0]?.message).toEqual(expect.any(String))
    const stored = await call('GET', `/api/products/${product.id}`, { session: staff })
    expect(stored.body.price).toBe(100)
  })

  it("leaves a customer's roles unchanged when they set them through GraphQL", async () => {
    const response = await graphql(
      `mutation { updateUser(id: ${customer.id}, data: { roles: [admin] }) { id } }`,
      customer,
    )
    expect(response.status).toBe(200)
    const stored = await call('GET', `/api/users/${customer.id}`, { session: admin })
    expect(stored.body.roles).toEqual(['customer'])
  })

  it('refuses status changes by vendors through GraphQL and records them for staff', async () => {
    const product = await createProduct(vendor)
    await graphql(
      `mutation { updateProduct(id: ${product.id}, data: { status: approved }) { id } }`,
      vendor,
    )
    expect((await call('GET', `/api/products/${product.id}`, { session: staff })).body.status).toBe(
      'pending',
    )
    const byStaff = await graphql(
      `mutation { updateProduct(id: ${product.id}, data: { status: approved }) { id status } }`,
      staff,
    )
    expect(byStaff.body.data.updateProduct.status).toBe('approved')
  })
})
