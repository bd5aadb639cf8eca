import fs from 'node:fs'

import type { Json } from './authClient'

/** What one request got: status 0 when it got no response at all (refused, reset, timed out). */
export type Outcome = {
  at: number
  method: string
  path: string
  status: number
  ms: number
  headers?: Headers
  body: Json
  error?: string
}

type CallInit = {
  method?: string
  token?: string
  body?: unknown
  form?: FormData
  headers?: Record<string, string>
  /** Abort (status 0) after this long; a hang must not stall the run. */
  timeoutMs?: number
}

/** A timed request that never throws: failures are outcomes too. */
export const timedCall = async (
  baseUrl: string,
  path: string,
  { method, token, body, form, headers = {}, timeoutMs = 30_000 }: CallInit = {},
): Promise<Outcome> => {
  const verb = method ?? (body === undefined && !form ? 'GET' : 'POST')
  const started = performance.now()
  const at = Date.now()
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: verb,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `JWT ${token}` } : {}),
        ...headers,
      },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    let parsed: Json = {}
    try {
      parsed = text ? JSON.parse(text) : {}
    } catch {
      parsed = { text: text.slice(0, 200) }
    }
    const ms = performance.now() - started
    return {
      at,
      method: verb,
      path,
      status: response.status,
      ms,
      headers: response.headers,
      body: parsed,
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    return {
      at,
      method: verb,
      path,
      status: 0,
      ms: performance.now() - started,
      body: {},
      error: cause ?? (error as Error).name,
    }
  }
}

/** The p-th percentile (0–100) of `values`, 0 when there are none. */
export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Counts outcomes by status and keeps their latencies and the server errors (≥ 500 or none). */
export class Tally {
  readonly byStatus = new Map<number, number>()
  readonly latencies: number[] = []
  readonly failures: Outcome[] = []

  add(outcome: Outcome): Outcome {
    this.byStatus.set(outcome.status, (this.byStatus.get(outcome.status) ?? 0) + 1)
    this.latencies.push(outcome.ms)
    if (outcome.status >= 500 || outcome.status === 0) this.failures.push(outcome)
    return outcome
  }

  get count(): number {
    return this.latencies.length
  }

  /** Responses with a status ≥ 500 (0, no response, counted apart). */
  serverErrors(except: number[] = []): number {
    let total = 0
    for (const [status, count] of this.byStatus)
      if (status >= 500 && !except.includes(status)) total += count
    return total
  }

  summary(): Json {
    return {
      requests: this.count,
      byStatus: Object.fromEntries([...this.byStatus].sort(([a], [b]) => a - b)),
      p50Ms: Math.round(percentile(this.latencies, 50)),
      p99Ms: Math.round(percentile(this.latencies, 99)),
      maxMs: Math.round(Math.max(0, ...this.latencies)),
    }
  }
}

/** Resident memory (MiB) and open file descriptors of a local process, from /proc. */
export const processFootprint = (pid: number): { rssMiB: number; fds: number } => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return { rssMiB: Math.round(rssKiB / 102.4) / 10, fds: fs.readdirSync(`/proc/${pid}/fd`).length }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `worker` in `concurrency` loops until `until()` says stop. */
export const runWorkers = async (
  concurrency: number,
  until: () => boolean,
  worker: (index: number) => Promise<unknown>,
): Promise<void> => {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, index) => {
      while (!until()) await worker(index)
    }),
  )
}

export type StoreAccount = { id: number; email: string; username: string; token: string }

export const LOAD_PASSWORD = 'Load-test-pass-123'

const must = async (outcome: Promise<Outcome>, expected: number, what: string): Promise<Json> => {
  const result = await outcome
  if (result.status !== expected)
    throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`)
  return result.body
}

/** Signs in with email and password; the session's JWT. */
export const signIn = async (baseUrl: string, email: string): Promise<string> =>
  (
    await must(
      timedCall(baseUrl, '/api/users/login', { body: { email, password: LOAD_PASSWORD } }),
      200,
      `login ${email}`,
    )
  ).token

/**
 * A store over HTTP on a fresh server: the first admin, `customers` customer accounts (created by
 * the admin, so active at once) signed in, and `products` approved products of `stock` units.
 */
export const seedStoreOverHttp = async (
  baseUrl: string,
  { customers, products, stock }: { customers: number; products: number; stock: number },
): Promise<{ adminToken: string; customers: StoreAccount[]; products: number[] }> => {
  const first = await must(
    timedCall(baseUrl, '/api/users/first-register', {
      body: { email: 'root@example.com', username: 'root', password: LOAD_PASSWORD },
    }),
    200,
    'first-register',
  )
  const adminToken: string = first.token
  const accounts: StoreAccount[] = []
  for (let index = 0; index < customers; index++) {
    const username = `customer${index}`
    const email = `${username}@example.com`
    const created = await must(
      timedCall(baseUrl, '/api/users', {
        token: adminToken,
        body: { email, username, password: LOAD_PASSWORD, roles: ['customer'] },
      }),
      201,
      'create customer',
    )
    accounts.push({ id: created.doc.id, email, username, token: await signIn(baseUrl, email) })
  }
  const ids: number[] = []
  for (let index = 0; index < products; index++) {
    const created = await must(
      timedCall(baseUrl, '/api/products', {
        token: adminToken,
        body: {
          brand: 'Load',
          model: `Gadget ${index}`,
          slug: `load-gadget-${index}`,
          price: 10 + index,
          discount: 0,
          stock,
          status: 'approved',
        },
      }),
      201,
      'create product',
    )
    ids.push(created.doc.id)
  }
  return { adminToken, customers: accounts, products: ids }
}

export const shippingAddress = {
  name: 'Load Tester',
  lines: '1 Soak Street',
  city: 'Leeds',
  postcode: 'LS1 1AA',
  country: 'United Kingdom',
}

/** Rate limits far above what a load script sends (it comes from one IP). */
export const unlimitedRates = {
  RATE_LIMIT_API: '100000000',
  RATE_LIMIT_CREDENTIALS: '100000000',
}

/** Writes `data` as pretty JSON to `dir/<timestamp>.json` and returns the path. */
export const saveResults = (dir: string, data: unknown): string => {
  fs.mkdirSync(dir, { recursive: true })
  const file = `${dir}/${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}
