import pg from 'pg'

import {
  isDatabaseUnavailableError,
  isTransactionConflictError,
  POOL_WAIT_TIMEOUT_MS,
} from '../databaseHealth'
import { parseWalPosition } from './walPosition'

/** While a replica is down, at most one probe of it this often (requests go to the primary). */
export const RECHECK_MS = 1000
/** How long asking a replica how far it has replayed may take before it counts as down. */
const PROBE_TIMEOUT_MS = 1000
/** Opening a connection to a replica: shorter than the primary's, the primary is the fallback. */
const CONNECT_TIMEOUT_MS = 2000

type Logger = {
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
}

/** What drizzle calls on its client to run a statement (node-postgres's `Pool#query`). */
type Queryable = Pick<pg.Pool, 'query'>

class ReplicaClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  }
}

const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** The replica's address for logs, without its password. */
const describe = (url: string): string => {
  const parsed = new URL(url)
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
}

/**
 * One hot-standby replica: its own pool, what is known of its state (up or down, how far it has
 * replayed the primary's WAL) and `client`, the statement runner its drizzle instance uses, which
 * sends a read the replica cannot answer (gone, or cancelled by a conflict with recovery) to the
 * primary instead. Only reads ever come here: drizzle's `withReplicas` sends writes, raw
 * statements and transactions to the primary.
 */
export class ReadReplica {
  readonly pool: pg.Pool
  readonly name: string
  /** The highest replay position the replica reported: replay only moves forward. */
  private replayed: bigint | undefined
  private downSince: number | undefined
  private probe: Promise<bigint | undefined> | undefined
  private probedAt = 0

  constructor(
    url: string,
    private readonly primary: Queryable,
    private readonly logger: Logger,
  ) {
    this.name = describe(url)
    this.pool = new pg.Pool({
      connectionString: url,
      connectionTimeoutMillis: POOL_WAIT_TIMEOUT_MS,
      Client: ReplicaClient,
    })
    // An idle connection the replica ended (it stopped or restarted): without a listener the
    // pool's 'error' would take the process down.
    this.pool.on('error', (error: Error & { code?: string }) => {
      if (isDatabaseUnavailableError(error)) this.markDown(error)
      else this.logger.warn({ replica: this.name, err: error.message }, 'read replica: error')
    })
  }

  /** Up unless the last attempt to reach it failed. */
  get up(): boolean {
    return this.downSince === undefined
  }

  /**
   * Whether the replica has replayed the primary's WAL up to `position`: at once when an earlier
   * answer says so, otherwise by asking it (one question at a time, shared by concurrent
   * callers). False while it is down; a probe then runs in the background at most every
   * RECHECK_MS, so reads come back to it once it is reachable again.
   */
  async hasReplayed(position: bigint): Promise<boolean> {
    if (!this.up) {
      if (Date.now() - this.probedAt >= RECHECK_MS) void this.refresh()
      return false
    }
    if (this.replayed !== undefined && this.replayed >= position) return true
    const replayed = await this.refresh()
    return replayed !== undefined && replayed >= position
  }

  /** Asks the replica how far it has replayed; marks it up or down by the answer. */
  refresh(): Promise<bigint | undefined> {
    this.probe ??= this.askReplayPosition().finally(() => {
      this.probe = undefined
    })
    return this.probe
  }

  private async askReplayPosition(): Promise<bigint | undefined> {
    this.probedAt = Date.now()
    try {
      const { rows } = await withTimeout(
        this.pool.query<{ position: string | null }>(
          'select pg_last_wal_replay_lsn()::text as position',
        ),
        PROBE_TIMEOUT_MS,
      )
      const { position } = rows[0]
      // Null on a server that is not a standby: nothing says how far behind it is.
      if (position === null) {
        this.markDown(new Error('not a hot standby (pg_last_wal_replay_lsn() is null)'))
        return undefined
      }
      const replayed = parseWalPosition(position)
      if (this.replayed === undefined || replayed > this.replayed) this.replayed = replayed
      this.markUp()
      return this.replayed
    } catch (error) {
      this.markDown(error)
      return undefined
    }
  }

  private markDown(error: unknown): void {
    if (this.downSince !== undefined) return
    this.downSince = Date.now()
    this.logger.warn(
      { replica: this.name, err: error instanceof Error ? error.message : String(error) },
      'read replica unreachable: its reads go to the primary',
    )
  }

  private markUp(): void {
    if (this.downSince === undefined) return
    this.logger.info(
      { replica: this.name, downMs: Date.now() - this.downSince },
      'read replica reachable again: reads go back to it',
    )
    this.downSince = undefined
  }

  /**
   * The statement runner of this replica's drizzle instance. A read the replica cannot answer is
   * run on the primary: reads are safe to run twice, and the request gets its answer.
   */
  readonly client: Queryable = {
    query: (async (config: pg.QueryConfig, values?: unknown[]) => {
      if (this.up) {
        try {
          return await this.pool.query(config, values)
        } catch (error) {
          if (isDatabaseUnavailableError(error)) this.markDown(error)
          // A standby cancels a query that conflicts with replay (40001): not the query's fault.
          else if (!isTransactionConflictError(error)) throw error
        }
      }
      return this.primary.query(config, values)
    }) as Queryable['query'],
  }
}
