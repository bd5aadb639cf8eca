import net from 'node:net'

import {
  databaseDownSince,
  isDatabaseUnavailableError,
  markDatabaseUp,
  WatchedClient,
} from '../../src/lib/databaseHealth'

describe('database health', () => {
  afterEach(() => markDatabaseUp())

  it('gives up on a server that accepts the connection but never answers, and marks the database down', async () => {
    const silent = net.createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const client = new WatchedClient({ connectionString: `postgres://x@127.0.0.1:${port}/x` })
      const error = await client.connect().then(
        () => undefined,
        (failure: Error) => failure,
      )
      expect(error?.message).toMatch(/timeout/i)
      expect(isDatabaseUnavailableError(error)).toBe(true)
      expect(databaseDownSince()).toEqual(expect.any(Number))
    } finally {
      silent.close()
    }
  })

  it('tells an unreachable database from a failed query, through the errors that wrap it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    const wrapped = Object.assign(new Error('Failed query: select 1'), { cause: refused })
    expect(isDatabaseUnavailableError(wrapped)).toBe(true)
    expect(isDatabaseUnavailableError({ originalError: { code: '57P01' } })).toBe(true)
    expect(isDatabaseUnavailableError(new AggregateError([refused]))).toBe(true)
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })
    expect(isDatabaseUnavailableError(Object.assign(new Error('Failed'), { cause: syntax }))).toBe(
      false,
    )
  })
})
