import { demoUsers } from '../../src/seed/demoCatalog'
import {
  CALLERS,
  FUZZ_SERVER_ENV,
  type FuzzFinding,
  type FuzzReport,
  fuzzServer,
} from '../fuzz/fuzzer'
import { call } from '../helpers/authClient'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** `npm run fuzz` runs every case; CI runs this spread-out sample of them (FUZZ_MAX_CASES). */
const CASES_PER_CALLER = Number(process.env.FUZZ_MAX_CASES ?? 60)

const described = (finding: FuzzFinding): string =>
  `[${finding.caller}] ${finding.status} ${finding.request} -> ${finding.response}`

describe('fuzzing every route from the OpenAPI document (short budget)', () => {
  let server: TestServer
  let report: FuzzReport

  beforeAll(async () => {
    server = await startTestServer({ env: FUZZ_SERVER_ENV, readyTimeoutMs: 300_000 })
    report = await fuzzServer(server, { maxCasesPerCaller: CASES_PER_CALLER })
  }, 1_200_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('fuzzes as every caller over routes of every collection', () => {
    expect(Object.keys(report.statusClasses)).toEqual([...CALLERS])
    expect(report.cases).toBe(CALLERS.length * CASES_PER_CALLER)
    expect(report.operations).toBeGreaterThan(CASES_PER_CALLER / 2)
  })

  it('answers no fuzz case with a server error', () => {
    expect(report.serverErrors.map(described)).toEqual([])
  })

  it('changes nothing stored when it refuses a request', () => {
    expect(
      report.storedChanges.map((finding) => `${described(finding)} changed ${finding.tables}`),
    ).toEqual([])
  })

  const signIn = async (account: { email: string; password: string }): Promise<string> => {
    const { body } = await call(`${server.url}/api/users/login`, { body: account })
    return `JWT ${body.token}`
  }

  it('answers 404, not 500, for a path id no serial holds where no collection hook runs', async () => {
    const customer = await signIn(demoUsers.customers[0])
    // Document locks are for admin-panel users only: a customer is refused (403) before any id.
    const staff = await signIn(demoUsers.staff)
    for (const [method, path, auth] of [
      ['GET', '/api/payload-locked-documents/1.5', staff],
      ['POST', '/api/payload-preferences/access/1.5', customer],
      ['POST', '/api/api-tokens/99999999999/duplicate', customer],
    ]) {
      const response = await call(`${server.url}${path}`, { method, auth })
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 404,
        body: { errors: [{ message: 'Not Found' }] },
      })
    }
  })

  it('answers a duplicate as its document says: 200 with the copy', async () => {
    const auth = await signIn(demoUsers.staff)
    const { body: list } = await call(`${server.url}/api/products?limit=1&depth=0`, { auth })
    const { status, body } = await call(
      `${server.url}/api/products/${list.docs[0].id}/duplicate?depth=0`,
      { method: 'POST', auth },
    )
    expect(status).toBe(200)
    expect(body.doc.id).not.toBe(list.docs[0].id)
  })
  it('documents the 400 the token endpoints answer for a body that is not a JSON object', async () => {
    for (const path of ['/api/token/refresh', '/api/token/logout']) {
      const { status, body } = await call(`${server.url}${path}`, { body: [1] })
      expect({ path, status, message: body.errors?.[0]?.message }).toEqual({
        path,
        status: 400,
        message: 'The request body must be a JSON object.',
      })
    }
  })
})
