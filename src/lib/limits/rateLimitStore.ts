import { ClusterMemoryStoreWorker } from '@express-rate-limit/cluster-memory-store'
import { type IncrementResponse, MemoryStore, type Options, type Store } from 'express-rate-limit'
import { Redis } from 'ioredis'
import cluster from 'node:cluster'
import { RedisStore } from 'rate-limit-redis'

type Logger = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void }

/**
 * A web worker's view of the counters the cluster's primary keeps. The underlying store's init is
 * an IPC round trip that gives up after 10 s, and at start-up a worker's event loop can be busy for
 * longer than that (building the OpenAPI document on a loaded machine), so init goes out with the
 * first hit instead. IPC keeps the order: the primary has the counters before the first increment.
 */
class PrimaryCountersStore implements Store {
  private readonly counters: ClusterMemoryStoreWorker
  private options: Options | undefined
  private started = false

  constructor(readonly prefix: string) {
    this.counters = new ClusterMemoryStoreWorker({ prefix })
  }

  init(options: Options): void {
    this.options = options
  }

  private connected(): ClusterMemoryStoreWorker {
    if (!this.started && this.options) {
      this.started = true
      void this.counters.init(this.options)
    }
    return this.counters
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.connected().increment(key)
  }

  decrement(key: string): Promise<void> {
    return this.connected().decrement(key)
  }

  resetKey(key: string): Promise<void> {
    return this.connected().resetKey(key)
  }
}

/** Counters of this machine: the primary's when this is a cluster worker, else this process's. */
const machineStore = (prefix: string): Store =>
  cluster.isWorker ? new PrimaryCountersStore(prefix) : new MemoryStore()

const WARN_EVERY_MS = 10_000

/**
 * Counts in Redis, shared by every process and instance on it; while Redis cannot answer, counts
 * on this machine instead (see machineStore) and logs a warning at most every 10 s. Limits thus
 * stay in force during an outage, only per machine rather than across instances, and the API
 * keeps answering. Counts made during an outage are not carried over to Redis.
 */
class RedisWithFallbackStore implements Store {
  readonly prefix: string
  private readonly redis: RedisStore
  private readonly fallback: Store
  private options: Options | undefined
  private lastWarning = 0

  constructor(
    private readonly client: Redis,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.prefix = prefix
    this.redis = new RedisStore({
      prefix,
      sendCommand: (command: string, ...args: string[]) =>
        client.call(command, ...args) as Promise<number | string>,
    })
    this.fallback = machineStore(prefix)
    // rate-limit-redis loads its scripts in init; one that failed (Redis down) stays failed, so
    // load them again whenever the connection is (re)established.
    client.on('ready', () => {
      if (this.options) this.redis.init(this.options).catch(() => undefined)
    })
  }

  async init(options: Options): Promise<void> {
    this.options = options
    await this.fallback.init?.(options)
    // Still connecting (the usual case at start-up): the 'ready' handler loads the scripts.
    if (this.client.status === 'ready') {
      await this.redis.init(options).catch((error: Error) => this.warn(error))
    }
  }

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return
    this.lastWarning = Date.now()
    this.logger.warn(
      { err: error.message },
      'rate limits: Redis unreachable, counting on this machine only',
    )
  }

  private async either<T>(
    fromRedis: () => Promise<T>,
    fromFallback: () => Promise<T> | T,
  ): Promise<T> {
    if (this.client.status !== 'ready') {
      this.warn(new Error(`connection ${this.client.status}`))
      return fromFallback()
    }
    try {
      return await fromRedis()
    } catch (error) {
      this.warn(error as Error)
      return fromFallback()
    }
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.either(
      () => this.redis.increment(key),
      () => this.fallback.increment(key),
    )
  }

  async decrement(key: string): Promise<void> {
    await this.either(
      () => this.redis.decrement(key),
      () => this.fallback.decrement(key),
    )
  }

  async resetKey(key: string): Promise<void> {
    await this.either(
      () => this.redis.resetKey(key),
      () => this.fallback.resetKey(key),
    )
  }
}

let client: Redis | undefined

/**
 * The counters behind one rate limiter (`name` keeps limiters apart). With `REDIS_URL`: Redis,
 * shared by every process and instance, keys under `RATE_LIMIT_KEY_PREFIX` (default
 * `marketplace:rl:`), falling back to this machine's counters while Redis is down. Without it:
 * this machine's counters, which the primary owns when several web workers run.
 */
export const rateLimitStore = (name: string, logger: Logger): Store => {
  const url = process.env.REDIS_URL
  if (!url) return machineStore(name)
  if (!client) {
    client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    })
    // ioredis emits an error per failed reconnection; the stores' warning says it (throttled).
    client.on('error', () => undefined)
  }
  const prefix = `${process.env.RATE_LIMIT_KEY_PREFIX ?? 'marketplace:rl:'}${name}:`
  return new RedisWithFallbackStore(client, prefix, logger)
}

/**
 * Resolves once the rate limits' Redis connection is up (or after `timeoutMs` without it). The
 * server waits for it before it listens: requests counted on the machine while the connection was
 * still being made would not count in Redis, and the first clients could pass the limit.
 */
export const rateLimitStoreConnected = async (timeoutMs = 2000): Promise<void> => {
  const connecting = client
  if (!connecting || connecting.status === 'ready') return
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      connecting.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    connecting.once('ready', done)
  })
}

/** Closes the rate limits' Redis connection, if any (server shutdown). */
export const closeRateLimitStore = (): void => {
  client?.disconnect()
  client = undefined
}
