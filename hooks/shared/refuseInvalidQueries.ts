import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { queryProblem } from '../../src/lib/queryChecks'

/**
 * Validates `where` and `sort` against the sanitized config for every query made for a caller
 * (REST, GraphQL, the admin UI, Local API calls with `overrideAccess: false`), through any
 * relationship path: hidden fields (auth internals) and virtual fields are refused, an operator
 * must apply to its field's type, a select's values must be among its options, and no value may
 * hold a NUL byte. Each answers 400 naming the problem; Payload would otherwise order results by
 * a secret (`sort=owner.salt`) or hand Postgres a query that fails (a 500). Trusted server code
 * (`overrideAccess`) is left alone. The checks are in `src/lib/queryChecks.ts`.
 */
export const refuseInvalidQueries: CollectionBeforeOperationHook = ({
  args,
  collection,
  overrideAccess,
  req,
}) => {
  if (overrideAccess) return args
  const { where, sort } = args as { where?: unknown; sort?: unknown }
  const problem = queryProblem(req.payload, collection.flattenedFields, { where, sort })
  if (problem) throw new APIError(problem, 400)
  return args
}
