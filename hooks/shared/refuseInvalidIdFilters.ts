import { APIError, type CollectionBeforeOperationHook, type Where } from 'payload'

import { idFilterProblem } from '../../src/lib/queryChecks'

/**
 * Refuses `where` conditions that compare an id (a document's, or a relationship's) with
 * something no serial id can be (`where[category][equals]=abc`, `where[id][in]=99999999999`):
 * 400 saying which. Payload hands such values to Postgres, which fails the whole query and the
 * client would get a 500. The check is `idFilterProblem` in `src/lib/queryChecks.ts`.
 */
export const refuseInvalidIdFilters: CollectionBeforeOperationHook = ({
  args,
  collection,
  req,
}) => {
  const where = (args as { where?: Where }).where
  if (!where || typeof where !== 'object') return args
  const bad = idFilterProblem(req.payload, collection.flattenedFields, where)
  if (bad) throw new APIError(bad, 400)
  return args
}
