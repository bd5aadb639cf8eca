import { AsyncLocalStorage } from 'node:async_hooks'

import type { ReadReplica } from './readReplica'

/** The process's replicas (one Payload instance, one set: see bootPayload). */
let replicas: ReadReplica[] = []

/** The replica the current request reads from; none (the default) means the primary. */
const routing = new AsyncLocalStorage<ReadReplica>()

export const setReadReplicas = (set: ReadReplica[]): void => {
  replicas = set
}

export const readReplicas = (): readonly ReadReplica[] => replicas

/** Runs `work` (and everything it starts) with its database reads sent to `replica`. */
export const readingFrom = <T>(replica: ReadReplica, work: () => T): T => routing.run(replica, work)

/** The replica the running code was given by `readingFrom`, if any. */
export const currentReadReplica = (): ReadReplica | undefined => routing.getStore()

/**
 * A replica known to have replayed the primary's WAL up to `position`, tried in random order so
 * several share the load; undefined when none has (lagging, or down): read from the primary.
 */
export const replicaThatReplayed = async (position: bigint): Promise<ReadReplica | undefined> => {
  const order = [...replicas].sort(() => Math.random() - 0.5)
  for (const replica of order) {
    if (await replica.hasReplayed(position)) return replica
  }
  return undefined
}

export type ReplicasHealth = 'up' | 'degraded' | 'down'

/** Asks every replica now: `degraded` when some answer, `down` when none does. */
export const replicasHealth = async (): Promise<ReplicasHealth> => {
  await Promise.all(replicas.map((replica) => replica.refresh()))
  const up = replicas.filter((replica) => replica.up).length
  return up === replicas.length ? 'up' : up === 0 ? 'down' : 'degraded'
}
