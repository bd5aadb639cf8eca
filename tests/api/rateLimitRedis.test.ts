import { freePort } from '../../src/lib/database'
import { api } from '../helpers/apiClient'
import { uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const redisUrl = process.env.REDIS_URL
const LOGIN = { email: 'nobody@example.com', password: 'wrong-password-1' }
const login = (server: TestServer) =>
  api(server.url, '/api/users/login', { method: 'POST', body: LOGIN })

const describeWithRedis = redisUrl ? describe : describe.skip
if (!redisUrl) {
  console.warn(
    'Skipping the shared-Redis rate-limit tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.',
  )
}

describeWithRedis('rate limits shared through Redis', () => {
  let first: TestServer
  let second: TestServer

  beforeAll(async () => {
    // Keys of this run only, shared by both instances.
    const env = {
      REDIS_URL: redisUrl ?? '',
      RATE_LIMIT_KEY_PREFIX: `marketplace-test:${uniqueWord()}:rl:`,
      CACHE_KEY_PREFIX: `marketplace-test:${uniqueWord()}`,
      RATE_LIMIT_CREDENTIALS: '4',
      RATE_LIMIT_API: '100000',
    }
    first = await startTestServer({ env })
    second = await startTestServer({ env, databaseUrl: first.databaseUrl })
  })

  afterAll(async () => {
    await second?.stop()
    await first?.stop()
  })

  it('lets two instances together allow one credential limit, not one each', async () => {
    const statuses: number[] = []
    for (const server of [first, second, first, second, first, second]) {
      statuses.push((await login(server)).status)
    }
    // Per instance, each would have allowed four.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
    const limited = await login(first)
    expect(limited.headers.get('ratelimit')).toMatch(/"credentials"; r=0;/)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})

describe('rate limits with Redis unreachable', () => {
  let server: TestServer

  beforeAll(async () => {
    const closedPort = await freePort()
    server = await startTestServer({
      env: {
        REDIS_URL: `redis://127.0.0.1:${closedPort}`,
        RATE_LIMIT_CREDENTIALS: '3',
        RATE_LIMIT_API: '100000',
      },
    })
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('keeps answering and counts on this machine, with a warning in the log', async () => {
    expect((await api(server.url, '/api/products')).status).toBe(200)
    const statuses: number[] = []
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await login(server)).status)
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    expect(server.output()).toContain(
      'rate limits: Redis unreachable, counting on this machine only',
    )
  })
})
