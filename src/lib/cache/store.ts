import { Redis } from 'ioredis'
import cluster from 'node:cluster'
import { LRUCache } from 'lru-cache'

/** A cached response: only JSON bodies are cached. */
export type CachedResponse = {
  status: number
  etag: string
  contentType: string
  body: string
}

export type CacheHealth = 'memory' | 'up' | 'down' | 'disabled'

/**
 * Where cached responses and the catalog generation live. Every cache key includes the
 * generation; a catalog write bumps it, so every entry written before is unreachable at once,
 * on every instance that shares the store.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis'
  generation(): Promise<number>
  bump(): Promise<void>
  get(key: string): Promise<CachedResponse | undefined>
  set(key: string, value: CachedResponse): Promise<void>
  health(): CacheHealth
  close(): Promise<void>
}

const TTL_MS = Number(process.env.CACHE_TTL_MS ?? 5 * 60_000)

/** The IPC message a web worker sends (and receives) when its in-memory catalog cache is bumped. */
const CACHE_BUMP = { from: 'marketplace-cache', command: 'bump' } as const

const isCacheBump = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  (message as { from?: unknown }).from === CACHE_BUMP.from &&
  (message as { command?: unknown }).command === CACHE_BUMP.command

/**
 * In the cluster's primary: passes each worker's cache bump on to every other worker, so a write
 * handled by one worker empties the in-memory caches of all (the message arrives within a
 * millisecond or so; until then another worker may still answer from its old generation).
 */
export const relayCacheBumps = (): void => {
  cluster.on('message', (sender, message) => {
    if (!isCacheBump(message)) return
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== sender && worker.isConnected()) worker.send(CACHE_BUMP)
    }
  })
}

/**
 * One process, one LRU (by bytes) and one counter. In a web worker of a cluster, bumps travel to
 * the other workers through the primary (see relayCacheBumps).
 */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory'
  private counter = 0
  private readonly lru = new LRUCache<string, CachedResponse>({
    maxSize: Number(process.env.CACHE_MAX_BYTES ?? 64 * 1024 * 1024),
    sizeCalculation: (value) => value.body.length + 200,
    ttl: TTL_MS,
  })

  constructor() {
    if (cluster.isWorker) {
      process.on('message', (message) => {
        if (isCacheBump(message)) this.bumpHere()
      })
    }
  }

  async generation(): Promise<number> {
    return this.counter
  }

  private bumpHere(): void {
    this.counter += 1
    // Old generations can never be read again; free their memory now.
    this.lru.clear()
  }

  async bump(): Promise<void> {
    this.bumpHere()
    if (cluster.isWorker && process.connected) process.send?.(CACHE_BUMP)
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
}

type Logger = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void }

/**
 * Redis (`REDIS_URL`): entries with a TTL, and the generation as an `INCR` counter that all
 * instances share. Commands fail fast while Redis is unreachable (no offline queue): readers then
 * bypass the cache. A bump that could not reach Redis is replayed as soon as it is back, so
 * entries cached before an outage are never served after it.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis'
  private readonly client: Redis
  private missedBump = false
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
      if (this.missedBump) {
        this.missedBump = false
        this.bump().catch(() => undefined)
      }
    })
  }

  private get genKey(): string {
    return `${this.prefix}:gen`
  }

  async generation(): Promise<number> {
    return Number((await this.client.get(this.genKey)) ?? 0)
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

  async bump(): Promise<void> {
    try {
      // A process's first write may come before its connection is up (scripts, fresh instances):
      // an invalidation is worth a short wait, a read is not (it bypasses instead).
      await this.connected()
      await this.client.incr(this.genKey)
    } catch (error) {
      this.missedBump = true
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
