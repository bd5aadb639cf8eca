import { NUL_MESSAGE } from '../../src/lib/limits/inputProblems'
import { BODY_LIMITS } from '../../src/lib/limits/bodyLimits'
import { MAX_ALIASES, MAX_COST } from '../../src/lib/limits/graphqlLimits'
import { api, graphql } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

type Errors = { errors: Array<{ message: string; data?: { errors?: Array<{ path: string }> } }> }

/** A raw request (any body, any content type) with an optional JWT. */
const send = async (
  url: string,
  {
    method = 'POST',
    body,
    type,
    token,
  }: { method?: string; body?: BodyInit; type?: string; token?: string },
) => {
  const response = await fetch(url, {
    method,
    body,
    headers: {
      ...(type ? { 'Content-Type': type } : {}),
      ...(token ? { Authorization: `JWT ${token}` } : {}),
    },
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json: json as Errors, text }
}

describe('request input over HTTP', () => {
  let server: TestServer
  let admin: string

  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_CREDENTIALS: '1000', RATE_LIMIT_API: '100000' },
    })
    admin = await registerAdmin(server.url)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it.each([['cheap'], [{}], ['NaN'], ['Infinity'], ['1e999'], [1e308]])(
    'answers a product price of %p with 400 naming the price',
    async (price) => {
      const response = await api(server.url, '/api/products', {
        method: 'POST',
        token: admin,
        body: { brand: 'Acme', model: 'Priced', price, stock: 1 },
      })
      expect(response.status).toBe(400)
      expect((response.body as Errors).errors[0].data?.errors?.[0].path).toBe('price')
    },
  )

  it('answers a JSON number too large for a double (1e999) in a raw body with 400', async () => {
    const response = await send(`${server.url}/api/products`, {
      body: '{"brand":"Acme","model":"Huge","stock":1,"price":1e999}',
      type: 'application/json',
      token: admin,
    })
    expect(response.status).toBe(400)
    expect(response.json.errors[0].data?.errors?.[0].path).toBe('price')
  })

  it.each([
    ['login', '/api/users/login', { email: 'a\u0000@example.com', password: 'x' }, 'email'],
    ['token', '/api/token', { username: 'alice\u0000', password: 'x' }, 'username'],
    ['forgot-password', '/api/users/forgot-password', { email: 'a\u0000@example.com' }, 'email'],
    [
      'sign-up',
      '/api/users',
      {
        username: 'nul_user',
        email: 'n@example.com',
        password: 'Correct-Horse-9',
        name: 'N\u0000',
      },
      'name',
    ],
  ])(
    'answers a NUL character in %s with 400 naming the field',
    async (_what, path, body, field) => {
      const response = await api(server.url, path, { method: 'POST', body })
      expect(response.status).toBe(400)
      const { errors } = response.body as Errors
      expect(errors[0].data?.errors).toEqual([{ path: field, message: NUL_MESSAGE }])
    },
  )

  it('answers a NUL character in a new API token name with 400 naming the field', async () => {
    const response = await api(server.url, '/api/users/me/api-tokens', {
      method: 'POST',
      token: admin,
      body: { name: 'ci\u0000' },
    })
    expect(response.status).toBe(400)
    expect((response.body as Errors).errors[0].data?.errors).toEqual([
      { path: 'name', message: NUL_MESSAGE },
    ])
  })

  it.each([
    [
      'an array username',
      { username: ['a', 'b'], email: 'x@example.com', password: 'Correct-Horse-9' },
    ],
    ['an object email', { username: 'typed_x', email: { $gt: '' }, password: 'Correct-Horse-9' }],
    ['an object password', { username: 'typed_y', email: 'y@example.com', password: { a: 1 } }],
  ])('answers a sign-up with %s with 400', async (_what, body) => {
    const response = await api(server.url, '/api/users', { method: 'POST', body })
    expect(response.status).toBe(400)
  })

  it.each([
    ['null', '/api/users'],
    ['"x"', '/api/users'],
    ['[]', '/api/products'],
    ['null', '/api/users/login'],
    ['"x"', '/api/token'],
  ])('answers a JSON body of %s on %s with 400', async (body, path) => {
    const response = await send(`${server.url}${path}`, {
      body,
      type: 'application/json',
      token: admin,
    })
    expect(response.status).toBe(400)
    expect(response.json.errors[0].message).toBeTruthy()
  })

  it('answers a multipart body whose boundary does not match its header with 400', async () => {
    const body =
      '--other\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{}\r\n--other--\r\n'
    const response = await send(`${server.url}/api/products`, {
      body,
      type: 'multipart/form-data; boundary=announced',
      token: admin,
    })
    expect(response.status).toBe(400)
    expect(response.json.errors[0].message).toMatch(/multipart body is malformed/)
  })

  it('answers a multipart _payload that is not JSON with 400', async () => {
    const form = new FormData()
    form.append('_payload', '{"brand": "Acme",')
    const response = await send(`${server.url}/api/products`, { body: form, token: admin })
    expect(response.status).toBe(400)
    expect(response.json.errors[0].message).toBe('The _payload field is not valid JSON.')
  })

  it('answers a GraphQL body that is no JSON with 400 in the GraphQL error shape', async () => {
    const response = await send(`${server.url}/api/graphql`, {
      body: '{"',
      type: 'application/json',
      token: admin,
    })
    expect({ status: response.status, body: response.json }).toEqual({
      status: 400,
      body: { errors: [{ message: 'Invalid JSON' }] },
    })
  })

  it('answers deleting an admin-UI preference that is not stored with 404', async () => {
    const preference = `${server.url}/api/payload-preferences/fuzz-column-widths`
    const saved = await send(preference, {
      body: JSON.stringify({ value: { width: 200 } }),
      type: 'application/json',
      token: admin,
    })
    expect(saved.status).toBe(200)
    expect((await send(preference, { method: 'DELETE', token: admin })).status).toBe(200)
    for (const key of ['fuzz-column-widths', 'never-stored']) {
      const response = await api(server.url, `/api/payload-preferences/${key}`, {
        method: 'DELETE',
        token: admin,
      })
      expect({ key, status: response.status, body: response.body }).toEqual({
        key,
        status: 404,
        body: { errors: [{ message: 'Not Found' }] },
      })
    }
  })

  it('answers the preference keys count, access and versions as the documented /{key} routes', async () => {
    // The validating client fails the test on a response the served document does not describe.
    const saved = await api(server.url, '/api/payload-preferences/count', {
      method: 'POST',
      token: admin,
      body: { value: { columns: 3 } },
    })
    expect(saved.status).toBe(200)
    const read = await api(server.url, '/api/payload-preferences/count', { token: admin })
    expect({ status: read.status, value: (read.body as { value?: unknown }).value }).toEqual({
      status: 200,
      value: { columns: 3 },
    })
    const anonymous = await api(server.url, '/api/payload-preferences/access', { method: 'POST' })
    expect(anonymous.status).toBe(401)
    for (const method of ['GET', 'POST', 'DELETE']) {
      const versions = await api(server.url, '/api/payload-preferences/versions', {
        method,
        token: admin,
      })
      expect({ method, status: versions.status }).toEqual({ method, status: 404 })
    }
  })

  it('refuses a credential body over its limit with 413 before reading it', async () => {
    const password = 'x'.repeat(BODY_LIMITS.credentials)
    const response = await api(server.url, '/api/users/login', {
      method: 'POST',
      body: { email: 'a@example.com', password },
    })
    expect(response.status).toBe(413)
    expect((response.body as Errors).errors[0].message).toBe(
      `The request body is larger than ${BODY_LIMITS.credentials} bytes.`,
    )
  })

  it('refuses a JSON write over 1 MiB with 413', async () => {
    const items = Array.from({ length: 100_000 }, () => ({ product: 1, quantity: 1 }))
    const response = await api(server.url, '/api/orders', {
      method: 'POST',
      token: admin,
      body: { items },
    })
    expect(response.status).toBe(413)
  })

  it('refuses a body of undeclared length outside uploads with 411', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email":"a@example.com","password":"x"}'))
        controller.close()
      },
    })
    const response = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(411)
  })

  it('still answers an ordinary GraphQL query', async () => {
    const response = await graphql(
      server.url,
      '{ Products(limit: 20) { totalDocs docs { id model } } }',
    )
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ data: { Products: { totalDocs: 0, docs: [] } } })
  })

  it(`refuses a GraphQL request of more than ${MAX_ALIASES} aliases, before running it`, async () => {
    const fields = Array.from(
      { length: 200 },
      (_, i) => `p${i}: Products(limit: 100) { docs { id } }`,
    )
    const started = Date.now()
    const response = await graphql(server.url, `{ ${fields.join(' ')} }`)
    console.log(
      `200 aliased Products(limit: 100): ${response.status} in ${Date.now() - started} ms`,
    )
    // GraphQL over HTTP answers a refused document with 200 and errors for application/json.
    expect(response.body).not.toHaveProperty('data')
    const messages = (response.body as Errors).errors.map((error) => error.message)
    expect(messages).toContain(`At most ${MAX_ALIASES} aliases per request, not 200.`)
    expect(messages.some((message) => message.startsWith('The query may cost'))).toBe(true)
  })

  it(`refuses a GraphQL query that may cost more than ${MAX_COST}`, async () => {
    // Each page costs 1 + 100 × 10 (ten fields a document): six of them pass the limit.
    const page =
      'Products(limit: 100) { docs { id brand model price stock category { id name slug } } }'
    const pages = Array.from({ length: 6 }, (_, i) => `p${i}: ${page}`)
    const response = await graphql(server.url, `{ ${pages.join(' ')} }`)
    expect(response.body).not.toHaveProperty('data')
    expect((response.body as Errors).errors.map((error) => error.message)).toEqual([
      `The query may cost 6006; at most ${MAX_COST}. Ask for fewer documents or fields.`,
    ])
  })

  it('gives no field suggestions in production', async () => {
    const response = await graphql(server.url, '{ Products { docs { modell } } }')
    const { message } = (response.body as Errors).errors[0]
    expect(message).toBe('Cannot query field "modell" on type "Product".')
  })
})

describe('credential rate limits', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_CREDENTIALS: '4' } })
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('counts every aliased credential mutation of a GraphQL request as one attempt', async () => {
    const logins = [1, 2, 3]
      .map((i) => `l${i}: loginUser(email: "nobody@example.com", password: "wrong") { token }`)
      .join(' ')
    const first = await graphql(server.url, `mutation { ${logins} }`)
    expect(first.status).toBe(200)
    expect(first.headers.get('ratelimit')).toMatch(/"credentials"; r=1;/)
    const resets = [1, 2]
      .map((i) => `f${i}: forgotPasswordUser(email: "nobody@example.com")`)
      .join(' ')
    const second = await graphql(
      server.url,
      `mutation { ...F } fragment F on Mutation { ${resets} }`,
    )
    expect(second.status).toBe(429)
    expect((second.body as Errors).errors[0].message).toMatch(/Too many attempts/)
  })

  it.each([
    ['POST', '/api/users/LOGIN'],
    ['POST', '/api/TOKEN'],
    ['POST', '/api/Token/Refresh'],
    ['POST', '/api/users/Forgot-Password'],
    ['POST', '/api/users/RESET-PASSWORD'],
    ['GET', '/api/users/Activate/some-token'],
  ])('counts %s %s (any letter case) towards the credential limit', async (method, path) => {
    // The test above used the whole allowance: a credential route answers 429, others do not.
    const response = await api(server.url, path, {
      method,
      body: method === 'POST' ? { email: 'nobody@example.com', password: 'x' } : undefined,
    })
    expect(response.status).toBe(429)
    expect((await api(server.url, '/api/products')).status).toBe(200)
  })
})
