import type pg from 'pg'

import { MemoryStore, RedisStore } from '../../src/lib/cache/store'
import { freePort } from '../../src/lib/database'
import { ReadReplica } from '../../src/lib/replicas/readReplica'
import { parseWalPosition } from '../../src/lib/replicas/walPosition'
import { uniqueWord } from '../helpers/fixtures'

const quiet = { info: () => undefined, warn: () => undefined }
type QueryResult = { rows: Record<string, unknown>[] }

/** A stand-in primary that answers every statement with `rows` and records what it ran. */
const fakePrimary = (rows: Record<string, unknown>[] = [{ answer: 'primary' }]) => {
  const ran: string[] = []
  const query = async (config: pg.QueryConfig | string) => {
    ran.push(typeof config === 'string' ? config : config.text)
    return { rows }
  }
  return { ran, primary: { query } as unknown as Pick<pg.Pool, 'query'> }
}

/** A replica whose pool answers with `answer` (rows, or an error to throw). */
const replicaAnswering = (
  answer: () => QueryResult | Error,
  primary = fakePrimary().primary,
): ReadReplica => {
  const replica = new ReadReplica('postgres://u:secret@127.0.0.1:1/shop', primary, quiet)
  replica.pool.query = (async () => {
    const result = answer()
    if (result instanceof Error) throw result
    return result
  }) as unknown as pg.Pool['query']
  return replica
}

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('WAL positions', () => {
  it('reads the two hex halves of a pg_lsn as one byte offset', () => {
    expect(parseWalPosition('0/0')).toBe(0n)
    expect(parseWalPosition('0/16B3748')).toBe(0x16b3748n)
    expect(parseWalPosition('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n)
    expect(parseWalPosition('1/0') > parseWalPosition('0/FFFFFFFF')).toBe(true)
  })
})

describe('a read replica', () => {
  it('counts as having replayed a position only once it reports one at least as far', async () => {
    let position = '0/100'
    const replica = replicaAnswering(() => ({ rows: [{ position }] }))
    expect(await replica.hasReplayed(0x100n)).toBe(true)
    expect(await replica.hasReplayed(0x101n)).toBe(false)
    position = '0/200'
    expect(await replica.hasReplayed(0x101n)).toBe(true)
    expect(replica.up).toBe(true)
  })

  it('is not used, and reported down, when it is not a standby (no replay position)', async () => {
    const replica = replicaAnswering(() => ({ rows: [{ position: null }] }))
    expect(await replica.hasReplayed(0n)).toBe(false)
    expect(replica.up).toBe(false)
  })

  it('runs a read on the primary when the replica cannot be reached, and marks it down', async () => {
    const { ran, primary } = fakePrimary()
    const replica = new ReadReplica(
      `postgres://u@127.0.0.1:${await freePort()}/shop`,
      primary,
      quiet,
    )
    const result = await replica.client.query({ text: 'select 1 as one' })
    expect(result.rows).toEqual([{ answer: 'primary' }])
    expect(ran).toEqual(['select 1 as one'])
    expect(replica.up).toBe(false)
    // Down: further reads go straight to the primary, and it counts as having replayed nothing.
    await replica.client.query({ text: 'select 2 as two' })
    expect(ran).toEqual(['select 1 as one', 'select 2 as two'])
    expect(await replica.hasReplayed(0n)).toBe(false)
    await replica.pool.end()
  })

  it('runs a read the standby cancelled for a conflict with recovery on the primary, staying up', async () => {
    const { ran, primary } = fakePrimary()
    const conflict = sqlError('40001', 'canceling statement due to conflict with recovery')
    const replica = replicaAnswering(() => conflict, primary)
    expect((await replica.client.query({ text: 'select 3' })).rows).toEqual([{ answer: 'primary' }])
    expect(ran).toEqual(['select 3'])
    expect(replica.up).toBe(true)
  })

  it('passes a wrong query’s error on instead of running it twice', async () => {
    const { ran, primary } = fakePrimary()
    const replica = replicaAnswering(
      () => sqlError('42703', 'column "nope" does not exist'),
      primary,
    )
    await expect(replica.client.query({ text: 'select nope' })).rejects.toThrow('nope')
    expect(ran).toEqual([])
  })
})

const redisUrl = process.env.REDIS_URL

describe('announced write positions', () => {
  it('keep the highest position in memory', async () => {
    const store = new MemoryStore()
    expect(await store.announcedWrite()).toBeUndefined()
    await store.announceWrite(1000n)
    await store.announceWrite(999n)
    expect(await store.announcedWrite()).toBe(1000n)
    await store.announceWrite(1001n)
    expect(await store.announcedWrite()).toBe(1001n)
  })
  ;(redisUrl ? it : it.skip)(
    'keep the highest position in Redis, compared as numbers (REDIS_URL)',
    async () => {
      const store = new RedisStore(redisUrl!, `marketplace-test:${uniqueWord()}`, quiet)
      try {
        // An announcement waits for the first connection; a read does not (it would bypass).
        await store.announceWrite(999n)
        await store.announceWrite(1000n)
        await store.announceWrite(998n)
        expect(await store.announcedWrite()).toBe(1000n)
        // Past 2^53, where floating-point numbers would tie.
        const far = 2n ** 60n
        await store.announceWrite(far + 1n)
        await store.announceWrite(far)
        expect(await store.announcedWrite()).toBe(far + 1n)
      } finally {
        await store.close()
      }
    },
  )
})
