import cluster, { type Worker } from 'node:cluster'

import type { ChangeKind } from './store'

/**
 * Cache invalidation between the worker processes of one machine without Redis: each worker keeps
 * its own in-memory cache, so a worker that commits a catalog write asks the primary to bump every
 * other worker's generation too, and waits until they have, before the write's response is sent.
 * With `REDIS_URL` the generations are shared in Redis and none of this runs.
 */

type BumpMessage = { type: 'cache:bump'; id: number; kind: ChangeKind }
type ApplyMessage = { type: 'cache:apply'; id: string; kind: ChangeKind }
type AppliedMessage = { type: 'cache:applied'; id: string }
type BumpedMessage = { type: 'cache:bumped'; id: number }

/** How long a bump waits for the other workers (a hung worker must not hold every write). */
const RELAY_TIMEOUT_MS = 1000

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type

export interface Siblings {
  /** Bumps `kind` in every other worker; resolves once they all have (or after a timeout). */
  share(kind: ChangeKind): Promise<void>
}

/**
 * The worker side, or undefined outside a cluster worker. `apply` bumps this worker's own store
 * when a sibling committed a write.
 */
export const clusterSiblings = (apply: (kind: ChangeKind) => void): Siblings | undefined => {
  if (!cluster.isWorker || !process.send) return undefined
  let nextId = 0
  const waiting = new Map<number, () => void>()
  process.on('message', (message: unknown) => {
    if (isMessage<ApplyMessage>(message, 'cache:apply')) {
      apply(message.kind)
      process.send?.({ type: 'cache:applied', id: message.id } satisfies AppliedMessage)
    } else if (isMessage<BumpedMessage>(message, 'cache:bumped')) {
      waiting.get(message.id)?.()
      waiting.delete(message.id)
    }
  })
  return {
    share: (kind) =>
      new Promise<void>((resolve) => {
        const id = (nextId += 1)
        const timer = setTimeout(() => {
          waiting.delete(id)
          resolve()
        }, RELAY_TIMEOUT_MS + 200)
        waiting.set(id, () => {
          clearTimeout(timer)
          resolve()
        })
        process.send?.({ type: 'cache:bump', id, kind } satisfies BumpMessage)
      }),
  }
}

/**
 * The primary side: relays each worker's bump to every other live worker and answers the sender
 * once they have applied it. Call once in the primary, before forking.
 */
export const relayCacheBumps = (): void => {
  let nextId = 0
  const pending = new Map<string, { left: Set<number>; done: () => void }>()
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (isMessage<AppliedMessage>(message, 'cache:applied')) {
      const relay = pending.get(message.id)
      relay?.left.delete(worker.id)
      if (relay && relay.left.size === 0) relay.done()
      return
    }
    if (!isMessage<BumpMessage>(message, 'cache:bump')) return
    const id = `${worker.id}:${(nextId += 1)}`
    const others = Object.values(cluster.workers ?? {}).filter(
      (other): other is Worker => Boolean(other) && other!.id !== worker.id && other!.isConnected(),
    )
    const answer = () => {
      clearTimeout(timer)
      pending.delete(id)
      if (worker.isConnected())
        worker.send({ type: 'cache:bumped', id: message.id } satisfies BumpedMessage)
    }
    const timer = setTimeout(answer, RELAY_TIMEOUT_MS)
    if (others.length === 0) return answer()
    pending.set(id, { left: new Set(others.map((other) => other.id)), done: answer })
    for (const other of others)
      other.send({ type: 'cache:apply', id, kind: message.kind } satisfies ApplyMessage)
  })
  // A worker that exits mid-relay will never answer.
  cluster.on('exit', (worker) => {
    for (const relay of pending.values()) {
      relay.left.delete(worker.id)
      if (relay.left.size === 0) relay.done()
    }
  })
}
