import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import { withReplicas } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Pool } from 'pg'
import type { DatabaseAdapterObj } from 'payload'

import { ReadReplica } from './readReplica'
import { currentReadReplica, setReadReplicas } from './replicaRouting'

type PrimaryDb = PostgresAdapter['primaryDrizzle'] & object

/**
 * Wraps the Postgres adapter so it reads from `urls` (hot-standby replicas) where a request was
 * routed to one (`readingFrom`, set by the replicaReads middleware), and from the primary
 * everywhere else: writes, transactions, migrations, jobs, scripts, signed-in requests.
 *
 * It wires the replicas the way the adapter's own `readReplicas` option does (drizzle's
 * `withReplicas`, the primary kept as `primaryDrizzle` so reads inside writes stay on it), with
 * these differences, found in its 3.90 code (`connect.js`): its replica pools copy the primary's
 * options, so our connection watcher would report a replica outage as the primary's and turn
 * every request away (databaseGate); it checks one connection out of each replica pool for good,
 * and a replica down at start rejects a promise nobody handles (the process exits); its chooser
 * is random, blind to lag and to outages; and its read-after-write guard
 * (`readReplicasAfterWriteInterval`) is per process. Here each replica has a pool of its own with
 * an error listener, the chooser is the request's routing decision, and a read a replica cannot
 * answer runs on the primary (ReadReplica#client). The per-process guard is switched off: the
 * routing decision already requires a replica to have replayed every announced write, and with
 * it on, a store taking an order a second would never read from a replica.
 */
export const withReadReplicas = (
  adapterObj: DatabaseAdapterObj<PostgresAdapter>,
  urls: string[],
): DatabaseAdapterObj<PostgresAdapter> => {
  if (urls.length === 0) return adapterObj
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args)
      const connect = adapter.connect!.bind(adapter)
      adapter.connect = async (options) => {
        await connect(options)
        // connect() calls itself once more after creating a missing database: wire once.
        if (adapter.primaryDrizzle) return
        const primary = adapter.drizzle as PrimaryDb
        const replicas = urls.map((url) => new ReadReplica(url, adapter.pool, args.payload.logger))
        setReadReplicas(replicas)
        const replicaDbs = new Map(
          replicas.map((replica) => [
            replica,
            drizzle({
              // Only `query` is called on a client outside transactions, which never come here.
              client: replica.client as Pool,
              logger: adapter.logger || false,
              schema: adapter.schema,
            }) as PrimaryDb,
          ]),
        )
        adapter.primaryDrizzle = primary
        adapter.readReplicasAfterWriteInterval = 0
        adapter.drizzle = withReplicas(primary, [...replicaDbs.values()] as [PrimaryDb], () => {
          const replica = currentReadReplica()
          return (replica && replicaDbs.get(replica)) ?? primary
        })
      }
      return adapter
    },
  }
}
