import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { closeCacheStore } from '../../src/lib/cache/store'
import { closeDatabasePool } from '../../src/lib/databasePool'

/** A Payload instance on this run's migrated test database (Local API tests). */
export const initPayload = (): Promise<Payload> => getPayload({ config })

/** Ends the instance's pool (and the catalog cache's Redis connection, if any) so jest can exit. */
export const closePayload = async (payload: Payload): Promise<void> => {
  await closeDatabasePool(payload)
  await closeCacheStore()
}
