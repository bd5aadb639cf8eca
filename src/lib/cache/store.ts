import { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'

import { clusterSiblings, type Siblings } from './clusterBumps'

/** A cached response: only JSON bodies are cached. */
export type CachedResponse = {
  status: number
  etag: string
  contentType: string
  body: string
  /** The stock generation read before the response was built. */
  stockGeneration: number
  /** When the response started to be built (ms since the epoch): its data is at least this new. */
  builtAt: number
}

/**
 * What a write changed. `content`: anything but stock (price, text, status, approval, trash,
 * categories, reviews, pictures): cached entries are unreachable at once. `stock`: only stock and
 * availability (orders): entries stay valid for at most `STOCK_LAG_MS` after such a change.
 */
export type ChangeKind = 'content' | 'stock'

export type Generations = { content: number; stock: number }

/**
 * How long a cached response may show stock older than the latest order (ms). Orders change
 * stock many times a second in a busy store; emptying the whole cache for each would leave no
 * cache at all, so stock may lag by this bound while every other change shows at once.
 */
export const stockLagMs = (): number => Number(process.env.CACHE_STOCK_LAG_MS ?? 1000)

/**
 * Whether an entry found under the current content generation may be served: it was built after
 * the last stock change, or (a stock change came later) it started being built at most
 * `stockLagMs` ago, so any stock it misses changed less than that long ago.
 */
export const servable = (entry: CachedResponse, stockGeneration: number, now: number): boolean =>
  entry.stockGeneration === stockGeneration || now - entry.builtAt <= stockLagMs()

export type CacheHealth = 'memory' | 'up' | 'down' | 'disabled'

/**
 * Where cached responses and the catalog generations live. Every cache key includes the content
 * generation; a content write bumps it, so every entry written before is unreachable at once, on
 * every instance that shares the store. A stock write bumps the stock generation, which entries
 * carry (see `servable`).
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis'
  generations(): Promise<Generations>
  bump(kind: ChangeKind): Promise<void>
  get(key: string): Promise<CachedResponse | undefined>
  set(key: string, value: CachedResponse): Promise<void>
  health(): CacheHealth
  close(): Promise<void>
  /**
   * Records that the primary's WAL had reached `position` when a catalog write was committed
   * (read replicas, src/lib/replicas): kept as the highest position announced. Announce before
   * bumping, so a reader that sees the new generation also sees a position at least this high.
   */
  announceWrite(position: bigint): Promise<void>
  /** The highest position announced, or undefined when not known to every process that reads. */
  announcedWrite(): Promise<bigint | undefined>
}

const TTL_MS = Number(process.env.CACHE_TTL_MS ?? 5 * 60_000)

/**
 * One process, one LRU (by bytes) and two counters. In a cluster worker (WEB_CONCURRENCY > 1,
 * no Redis) a bump is shared with the other workers of the machine (clusterBumps.ts).
 */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory'
  private readonly counters: Generations = { content: 0, stock: 0 }
  private readonly siblings: Siblings | undefined = clusterSiblings((kind) => this.apply(kind))
  private readonly lru = new LRUCache<string, CachedResponse>({
    maxSize: Number(process.env.CACHE_MAX_BYTES ?? 64 * 1024 * 1024),
    sizeCalculation: (value) => value.body.length + 200,
    ttl: TTL_MS,
  })

  async generations(): Promise<Generations> {
    return { ...this.counters }
  }

  async bump(kind: ChangeKind): Promise<void> {
    this.apply(kind)
    await this.siblings?.share(kind)
  }

  private apply(kind: ChangeKind): void {
    this.counters[kind] += 1
    // Old content generations can never be read again; free their memory now.
    if (kind === 'content') this.lru.clear()
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return this.lru.get(key)
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    this.lru.set(key, value)
  }

  health(): CacheHealth {
    return 'memory'
  }

  async close(): Promise<void> {
    this.lru.clear()
  }

  private announced: bigint | undefined

  async announceWrite(position: bigint): Promise<void> {
    if (this.announced === undefined || position > this.announced) this.announced = position
  }

  async announcedWrite(): Promise<bigint | undefined> {
    // A cluster worker does not see its siblings' writes: unknown, so reads stay on the primary.
    return this.siblings ? undefined : this.announced
  }
}

/** Sets KEYS[1] to ARGV[1] unless it holds a higher decimal number (compared exactly, as text). */
const SET_IF_HIGHER = `
local current = redis.call('GET', KEYS[1])
local new = ARGV[1]
if not current or #new > #current or (#new == #current and new > current) then
  redis.call('SET', KEYS[1], new)
end
return 1`

type Logger = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void }

/**
 * Redis (`REDIS_URL`): entries with a TTL, and the generations as `INCR` counters that all
 * instances share. Commands fail fast while Redis is unreachable (no offline queue): readers then
 * bypass the cache. A bump that could not reach Redis is replayed as soon as it is back, so
 * entries cached before an outage are never served after it.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis'
  private readonly client: Redis
  private readonly missedBumps = new Set<ChangeKind>()
  private missedAnnouncement: bigint | undefined
  private lastError = 0
  private firstAttemptSettled = false

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    })
    this.client.on('error', (error: Error) => {
      this.firstAttemptSettled = true
      // ioredis retries on its own; log at most every 10 s.
      if (Date.now() - this.lastError > 10_000) {
        this.lastError = Date.now()
        this.logger.warn({ err: error.message }, 'cache: Redis unreachable, serving uncached')
      }
    })
    this.client.on('ready', () => {
      this.firstAttemptSettled = true
      this.logger.info({}, 'cache: Redis connected')
      for (const kind of this.missedBumps) {
        this.missedBumps.delete(kind)
        this.bump(kind).catch(() => undefined)
      }
      const missed = this.missedAnnouncement
      this.missedAnnouncement = undefined
      if (missed !== undefined) this.announceWrite(missed).catch(() => undefined)
    })
  }

  private genKey(kind: ChangeKind): string {
    return kind === 'content' ? `${this.prefix}:gen` : `${this.prefix}:stock-gen`
  }

  async generations(): Promise<Generations> {
    const [content, stock] = await this.client.mget(this.genKey('content'), this.genKey('stock'))
    return { content: Number(content ?? 0), stock: Number(stock ?? 0) }
  }

  /** Waits (up to the connect timeout) for a connection that is still being made. */
  private async connected(): Promise<void> {
    // Only the first connection attempt is waited for; during an outage writes go on at once.
    if (this.firstAttemptSettled || this.client.status === 'ready') return
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.client.off('ready', done)
        resolve()
      }
      const timer = setTimeout(done, 1000)
      this.client.once('ready', done)
    })
  }

  async bump(kind: ChangeKind): Promise<void> {
    try {
      // A process's first write may come before its connection is up (scripts, fresh instances):
      // an invalidation is worth a short wait, a read is not (it bypasses instead).
      await this.connected()
      await this.client.incr(this.genKey(kind))
    } catch (error) {
      this.missedBumps.add(kind)
      throw error
    }
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const raw = await this.client.get(`${this.prefix}:e:${key}`)
    return raw ? (JSON.parse(raw) as CachedResponse) : undefined
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    await this.client.set(`${this.prefix}:e:${key}`, JSON.stringify(value), 'PX', TTL_MS)
  }

  health(): CacheHealth {
    return this.client.status === 'ready' ? 'up' : 'down'
  }

  private get announcementKey(): string {
    return `${this.prefix}:write-lsn`
  }

  async announceWrite(position: bigint): Promise<void> {
    try {
      await this.connected()
      await this.client.eval(SET_IF_HIGHER, 1, this.announcementKey, position.toString())
    } catch (error) {
      // Replayed once Redis is back, like a missed bump: readers use the primary meanwhile.
      if (this.missedAnnouncement === undefined || position > this.missedAnnouncement)
        this.missedAnnouncement = position
      throw error
    }
  }

  async announcedWrite(): Promise<bigint | undefined> {
    const value = await this.client.get(this.announcementKey)
    return value === null ? undefined : BigInt(value)
  }

  async close(): Promise<void> {
    this.client.disconnect()
  }
}

let store: CacheStore | undefined

const consoleLogger: Logger = {
  info: (obj, msg) => console.info(JSON.stringify({ ...obj, msg })),
  warn: (obj, msg) => console.warn(JSON.stringify({ ...obj, msg })),
}

/** False when `CACHE_ENABLED=false`: nothing is cached (benchmarks of the uncached path). */
export const cacheEnabled = (): boolean => process.env.CACHE_ENABLED !== 'false'

/**
 * The process's cache store. The invalidation hooks and the Express middleware share it: they run
 * in the same module instances, as the process has one Payload instance (see bootPayload).
 */
export const cacheStore = (logger: Logger = consoleLogger): CacheStore => {
  if (!store) {
    const url = process.env.REDIS_URL
    store = url
      ? new RedisStore(url, process.env.CACHE_KEY_PREFIX ?? 'marketplace:cache', logger)
      : new MemoryStore()
  }
  return store
}

/** Closes and forgets the process's store (server shutdown). */
export const closeCacheStore = async (): Promise<void> => {
  const closing = store
  if (!closing) return
  store = undefined
  await closing.close()
}
