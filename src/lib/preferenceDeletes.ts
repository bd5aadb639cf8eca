import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { DatabaseAdapterObj } from 'payload'

const PREFERENCES = 'payload-preferences'

/**
 * Wraps the Postgres adapter so that deleting an admin-UI preference that does not exist answers
 * 404 instead of 500. `DELETE /api/payload-preferences/<key>` deletes by a `where` on the key and
 * the owner (`user.value`, a relationship join); when no row matches, the Drizzle adapter's
 * `deleteOne` (3.90) falls back to a query that names the join's alias without joining it, and
 * Postgres fails. Here the preference is found first and deleted by id: a where on the id needs no
 * join, so a preference deleted meanwhile is found by neither and Payload answers its 404.
 */
export const withSafePreferenceDeletes = (
  adapterObj: DatabaseAdapterObj<PostgresAdapter>,
): DatabaseAdapterObj<PostgresAdapter> => ({
  ...adapterObj,
  init: (args) => {
    const adapter = adapterObj.init(args)
    const deleteOne = adapter.deleteOne.bind(adapter)
    adapter.deleteOne = async (deleteArgs) => {
      if (deleteArgs.collection !== PREFERENCES) return deleteOne(deleteArgs)
      const { collection, req, where } = deleteArgs
      const found = await adapter.findOne({ collection, req, where })
      if (!found) return null
      return deleteOne({ ...deleteArgs, where: { id: { equals: found.id } } })
    }
    return adapter
  },
})
