import sharp from 'sharp'

import { type Example, examples, roleLogins, type Role } from './examples'

export type ExampleResult = {
  example: Example
  status: number
  body: unknown
  headers: Headers
  /** The status is the expected one. */
  ok: boolean
  /** Rendered request, for the guide. */
  curl: string
}

/** Shell variable a captured value is shown as in the guide's curl commands. */
const SHELL_VARS: Record<string, string> = {
  customerToken: '$TOKEN',
  adminToken: '$ADMIN_TOKEN',
  vendorToken: '$VENDOR_TOKEN',
  apiToken: '$API_TOKEN',
  refreshToken: '<REFRESH_TOKEN>',
}

const AUTH_HEADER: Record<Exclude<Role, 'anonymous'>, { variable: string; header: string }> = {
  customer: { variable: 'customerToken', header: 'JWT $TOKEN' },
  admin: { variable: 'adminToken', header: 'JWT $ADMIN_TOKEN' },
  vendor: { variable: 'vendorToken', header: 'JWT $VENDOR_TOKEN' },
  apiToken: { variable: 'apiToken', header: 'users API-Key $API_TOKEN' },
}

const fill = (text: string, values: Record<string, string | number>, shown: boolean): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) =>
    shown && SHELL_VARS[name] ? SHELL_VARS[name] : String(values[name] ?? `<${name}>`),
  )

/** Replaces `{{name}}` in strings; a whole-string number placeholder becomes a number. */
const fillDeep = (
  value: unknown,
  values: Record<string, string | number>,
  shown: boolean,
): unknown => {
  if (typeof value === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(value)
    if (whole && !shown && typeof values[whole[1]] === 'number') return values[whole[1]]
    return fill(value, values, shown)
  }
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, values, shown))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillDeep(item, values, shown)]),
    )
  }
  return value
}

/** A PNG of at least `bytes` bytes (random pixels do not compress). */
const png = async (bytes: number): Promise<Buffer> => {
  if (bytes <= 0) {
    return sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } },
    })
      .png()
      .toBuffer()
  }
  const side = Math.ceil(Math.sqrt(bytes / 3)) + 8
  const pixels = Buffer.alloc(side * side * 3)
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

const renderCurl = (example: Example, values: Record<string, string | number>): string => {
  const url = fill(example.path, values, true)
  const lines = [
    `curl -s${example.method === 'GET' ? '' : ` -X ${example.method}`} -g "$API${url}"`,
  ]
  if (example.as && example.as !== 'anonymous') {
    lines.push(`-H "Authorization: ${AUTH_HEADER[example.as].header}"`)
  }
  for (const [name, value] of Object.entries(example.headers ?? {})) {
    lines.push(`-H '${name}: ${fill(value, values, true)}'`)
  }
  if (example.upload) {
    lines.push(`-F 'file=@drone.png'`, `-F '_payload=${JSON.stringify(example.upload.payload)}'`)
  } else if (example.body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`)
    lines.push(`-d '${JSON.stringify(fillDeep(example.body, values, true))}'`)
  }
  if (example.showHeaders?.length) lines[0] = lines[0].replace('curl -s', 'curl -si')
  return lines.join(' \\\n  ')
}

const login = async (baseUrl: string, credentials: { email: string; password: string }) => {
  const response = await fetch(`${baseUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  })
  if (response.status !== 200) throw new Error(`login failed for ${credentials.email}`)
  return ((await response.json()) as { token: string }).token
}

/** Runs every example in order against a server seeded with the demo data. */
export const runExamples = async (baseUrl: string): Promise<ExampleResult[]> => {
  const values: Record<string, string | number> = {
    adminToken: await login(baseUrl, roleLogins.admin),
    vendorToken: await login(baseUrl, roleLogins.vendor),
  }
  const results: ExampleResult[] = []
  for (const example of examples) {
    const headers: Record<string, string> = {}
    if (example.as && example.as !== 'anonymous') {
      const token = values[AUTH_HEADER[example.as].variable]
      const scheme = example.as === 'apiToken' ? 'users API-Key' : 'JWT'
      if (token) headers.Authorization = `${scheme} ${token}`
    }
    for (const [name, value] of Object.entries(example.headers ?? {})) {
      headers[name] = fill(value, values, false)
    }
    let body: BodyInit | undefined
    if (example.upload) {
      const form = new FormData()
      form.append(
        'file',
        new Blob([new Uint8Array(await png(example.upload.bytes))], { type: 'image/png' }),
        'drone.png',
      )
      form.append('_payload', JSON.stringify(example.upload.payload))
      body = form
    } else if (example.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(fillDeep(example.body, values, false))
    }
    const url = `${baseUrl}${fill(example.path, values, false)}`
    // A socket the server closed after refusing an upload (413) can fail the next request once.
    const send = (): Promise<Response> =>
      fetch(url, { method: example.method, headers, body }).catch(() =>
        fetch(url, { method: example.method, headers, body }),
      )
    let response: Response
    try {
      response = await send()
      let tries = 0
      while (example.repeatUntilStatus && response.status !== example.status && tries++ < 30) {
        await response.arrayBuffer()
        response = await send()
      }
    } catch (error) {
      // Recorded as status 599 so the run goes on and reports it.
      const reason =
        error instanceof Error ? `${error.message}: ${String(error.cause)}` : String(error)
      response = new Response(JSON.stringify({ clientError: reason }), { status: 599 })
    }
    // The guide shows the default local address rather than this run's random port.
    const text = (await response.text()).replaceAll(baseUrl, 'http://localhost:3000')
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : ''
    } catch {
      // not JSON: keep the text
    }
    const ok = response.status === example.status
    if (ok && example.capture) {
      for (const [name, value] of Object.entries(example.capture(parsed, response.headers))) {
        if (value !== undefined) values[name] = value
      }
    }
    results.push({
      example,
      status: response.status,
      body: parsed,
      headers: response.headers,
      ok,
      curl: renderCurl(example, values),
    })
  }
  return results
}
