import pg from 'pg'

import { demoUsers } from '../../src/seed/demoCatalog'
import { undocumentedResponse } from '../helpers/openapiResponses'
import { type FuzzCase, portmanCases } from './portmanCases'
import { changedTables, storeSnapshotter, type StoreSnapshot } from './storeSnapshot'

export const CALLERS = ['anonymous', 'customer', 'vendor', 'staff'] as const
export type Caller = (typeof CALLERS)[number]

/** The demo account each signed-in caller uses (the server is seeded with the demo store). */
const ACCOUNTS: Record<Exclude<Caller, 'anonymous'>, { email: string; password: string }> = {
  customer: demoUsers.customers[0],
  vendor: demoUsers.vendors[0],
  staff: demoUsers.staff,
}

export type FuzzBudget = {
  /** Callers to fuzz as, in this order (the destructive staff last). Default: all four. */
  callers?: readonly Caller[]
  /** At most this many cases per caller, spread evenly over every route. Default: all. */
  maxCasesPerCaller?: number
  /** Only operations (`METHOD /path`) matching this. */
  operations?: RegExp
}

export type FuzzFinding = {
  caller: Caller
  operation: string
  case: string
  request: string
  status: number
  response: string
}

export type FuzzReport = {
  operations: number
  cases: number
  /** Per caller, responses per status class (`2xx`, …, `5xx`; `---` when none came). */
  statusClasses: Record<string, Record<string, number>>
  /** Every response ≥ 500 (or none at all). */
  serverErrors: FuzzFinding[]
  /** Refused requests (≥ 400) after which something stored had changed. */
  storedChanges: Array<FuzzFinding & { tables: string[] }>
  /** Responses that differ from the OpenAPI document (status not listed, body off-schema), once each. */
  undocumented: string[]
  /** Times a caller's session ended during the run (logout, password change) and was renewed. */
  sessionsRenewed: number
}

const excerpt = (text: string, length = 300): string =>
  text.length > length ? `${text.slice(0, length)}…` : text

/** Evenly spaced cases, so a small budget still reaches every part of the API. */
const spread = (cases: FuzzCase[], max: number | undefined): FuzzCase[] => {
  if (max === undefined || cases.length <= max) return cases
  const step = cases.length / max
  return Array.from({ length: max }, (_, index) => cases[Math.floor(index * step)])
}

const signIn = async (baseUrl: string, caller: Caller): Promise<Record<string, string>> => {
  if (caller === 'anonymous') return {}
  const response = await fetch(`${baseUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ACCOUNTS[caller]),
  })
  if (response.status !== 200) throw new Error(`${caller} login: ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return { Authorization: `JWT ${token}` }
}

const stillSignedIn = async (baseUrl: string, auth: Record<string, string>): Promise<boolean> => {
  const response = await fetch(`${baseUrl}/api/users/me`, { headers: auth })
  return Boolean(((await response.json()) as { user: unknown }).user)
}

/**
 * A stored row's id per collection table, for the `{id}` of the base requests and Portman's
 * variations, so they reach validation and access rules instead of stopping at "not found".
 * Users: one no caller signs in as.
 */
const storedIds = async (databaseUrl: string): Promise<Map<string, string>> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const ids = new Map<string, string>()
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'integer'`,
    )
    const callerEmails = Object.values(ACCOUNTS).map((account) => account.email)
    for (const { name } of tables) {
      const { rows } = await client.query<{ id: number | null }>(
        name === 'users'
          ? `SELECT max(id) AS id FROM users WHERE email <> ALL($1)`
          : `SELECT max(id) AS id FROM "${name}"`,
        name === 'users' ? [callerEmails] : [],
      )
      if (rows[0].id !== null) ids.set(name.replace(/_/g, '-'), String(rows[0].id))
    }
    return ids
  } finally {
    await client.end()
  }
}

const buildRequest = (
  baseUrl: string,
  fuzzCase: FuzzCase,
  ids: Map<string, string>,
  auth: Record<string, string>,
): { url: string; init: RequestInit; description: string } => {
  const path = fuzzCase.segments
    .map((segment, index) => {
      if (!segment.startsWith(':')) return segment
      const name = segment.slice(1)
      const stored =
        name === 'id' && !fuzzCase.keepPathValues && ids.get(fuzzCase.segments[index - 1])
      return encodeURIComponent(stored || fuzzCase.pathVariables[name] || '')
    })
    .join('/')
  const url = new URL(`/${path}`, baseUrl)
  for (const [key, value] of fuzzCase.query) url.searchParams.append(key, value)
  const headers: Record<string, string> = { ...fuzzCase.headers, ...auth }
  let body: BodyInit | undefined
  let shown = ''
  if (fuzzCase.body?.kind === 'raw') {
    body = fuzzCase.body.text
    shown = ` ${excerpt(fuzzCase.body.text)}`
  } else if (fuzzCase.body?.kind === 'form') {
    const form = new FormData()
    for (const field of fuzzCase.body.fields) {
      if (field.type === 'file') form.append(field.key, new Blob(['fuzz']), 'fuzz.png')
      else form.append(field.key, field.value ?? '')
    }
    // fetch sets the multipart boundary itself.
    delete headers['Content-Type']
    body = form
    shown = ` multipart: ${fuzzCase.body.fields.map((field) => field.key).join(', ')}`
  }
  return {
    url: url.toString(),
    init: { method: fuzzCase.method, headers, body, redirect: 'manual' },
    description: `${fuzzCase.method} ${url.pathname}${url.search}${shown}`,
  }
}

/**
 * Fuzzes a running server (seeded with the demo store) from its own OpenAPI document: Portman
 * turns the document into cases, sent one at a time as each caller. Counts statuses per class,
 * keeps every response ≥ 500, and checksums the database around each request to catch a refused
 * request (≥ 400) that changed what is stored.
 */
export const fuzzServer = async (
  server: { url: string; databaseUrl: string },
  budget: FuzzBudget = {},
  log: (line: string) => void = () => undefined,
): Promise<FuzzReport> => {
  const document = await (await fetch(`${server.url}/api/openapi.json`)).json()
  const allCases = (await portmanCases(document)).filter(
    (fuzzCase) => !budget.operations || budget.operations.test(fuzzCase.operation),
  )
  const cases = spread(allCases, budget.maxCasesPerCaller)
  log(`${allCases.length} cases from Portman; ${cases.length} per caller in this budget`)
  const ids = await storedIds(server.databaseUrl)
  const store = await storeSnapshotter(server.databaseUrl)
  const report: FuzzReport = {
    operations: new Set(cases.map((fuzzCase) => fuzzCase.operation)).size,
    cases: 0,
    statusClasses: {},
    serverErrors: [],
    storedChanges: [],
    undocumented: [],
    sessionsRenewed: 0,
  }
  try {
    for (const caller of budget.callers ?? CALLERS) {
      let auth = await signIn(server.url, caller)
      const classes: Record<string, number> = {}
      report.statusClasses[caller] = classes
      let before: StoreSnapshot | undefined
      for (const fuzzCase of cases) {
        before ??= await store.snapshot()
        const { url, init, description } = buildRequest(server.url, fuzzCase, ids, auth)
        let status = 0
        let text = ''
        try {
          const response = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) })
          status = response.status
          text = await response.text()
          const drift = await undocumentedResponse(url, fuzzCase.method, response, text)
          if (drift && !report.undocumented.some((seen) => seen.startsWith(drift.slice(0, 80)))) {
            report.undocumented.push(drift)
          }
        } catch (error) {
          text = `no response: ${String(error)}`
        }
        report.cases++
        const statusClass = status ? `${Math.floor(status / 100)}xx` : '---'
        classes[statusClass] = (classes[statusClass] ?? 0) + 1
        const finding: FuzzFinding = {
          caller,
          operation: fuzzCase.operation,
          case: fuzzCase.name,
          request: description,
          status,
          response: excerpt(text),
        }
        if (status >= 500 || status === 0) report.serverErrors.push(finding)
        const after = await store.snapshot()
        const tables = changedTables(before, after)
        if (status >= 400 && tables.length) report.storedChanges.push({ ...finding, tables })
        before = after
        if (status < 300 && status >= 200 && caller !== 'anonymous' && init.method !== 'GET') {
          if (!(await stillSignedIn(server.url, auth))) {
            auth = await signIn(server.url, caller)
            report.sessionsRenewed++
            before = undefined
          }
        }
      }
      log(`${caller}: ${JSON.stringify(classes)}`)
    }
  } finally {
    await store.close()
  }
  return report
}

/** The report as text: counts per caller and status class, then every finding with its request. */
export const formatReport = (report: FuzzReport): string => {
  const lines = [
    `${report.cases} requests over ${report.operations} operations`,
    ...Object.entries(report.statusClasses).map(
      ([caller, classes]) =>
        `  ${caller.padEnd(10)} ${Object.entries(classes)
          .sort()
          .map(([name, count]) => `${name}: ${count}`)
          .join('  ')}`,
    ),
    `sessions renewed after a caller's session ended: ${report.sessionsRenewed}`,
    `responses >= 500: ${report.serverErrors.length}`,
    ...report.serverErrors.map(
      (finding) =>
        `  [${finding.caller}] ${finding.status} ${finding.operation} (${finding.case})\n    ${finding.request}\n    -> ${finding.response}`,
    ),
    `responses the OpenAPI document does not describe (not a failure): ${report.undocumented.length}`,
    ...report.undocumented.map((drift) => `  ${drift.split('\n')[0]}`),
    `refused requests that changed stored data: ${report.storedChanges.length}`,
    ...report.storedChanges.map(
      (finding) =>
        `  [${finding.caller}] ${finding.status} ${finding.operation} (${finding.case}) changed ${finding.tables.join(', ')}\n    ${finding.request}\n    -> ${finding.response}`,
    ),
  ]
  return lines.join('\n')
}

/** What the fuzzed server needs: the demo store to act on, and rate limits out of the way. */
export const FUZZ_SERVER_ENV = {
  SEED_DEMO: 'true',
  RATE_LIMIT_API: '1000000',
  RATE_LIMIT_CREDENTIALS: '1000000',
}
