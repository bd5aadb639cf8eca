/** `npm run seed`: seeds the demo store into an empty database (embedded unless DATABASE_URL). */
import { bootPayload } from '../lib/bootPayload'
import { closeDatabasePool } from '../lib/databasePool'
import { demoLoginLines, seedDemo } from '../seed/seedDemo'

const { payload, database } = await bootPayload()
const { totalDocs } = await payload.count({ collection: 'users' })
if (totalDocs > 0) {
  payload.logger.warn('The database already has users: not seeding. Seed an empty database.')
} else {
  await seedDemo(payload)
  const url = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
  for (const line of demoLoginLines(`${url}/admin`)) console.log(line)
}
await closeDatabasePool(payload)
await database.stop()
process.exit(0)
