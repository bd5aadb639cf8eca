/**
 * Test helper run in its own process (`tsx tests/helpers/localApiWrite.ts <productId> <model>`):
 * renames a product through the Local API, as a script, job or second service would. With
 * REDIS_URL set, the catalog plugin in this process bumps the shared cache generation.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { closeCacheStore } from '../../src/lib/cache/store'
import { closeDatabasePool } from '../../src/lib/databasePool'

const [id, model] = process.argv.slice(2)
const payload = await getPayload({ config })
await payload.update({ collection: 'products', id: Number(id), data: { model } })
await closeDatabasePool(payload)
await closeCacheStore()
console.log('updated')
process.exit(0)
