import { NotFound, type CollectionBeforeOperationHook, type Config, type Plugin } from 'payload'

import { refuseInvalidIdFilters } from '../../hooks/refuseInvalidIdFilters'
import { refuseInvalidQueries } from '../../hooks/refuseInvalidQueries'
import { refuseInvalidRelationIds } from '../../hooks/refuseInvalidRelationIds'
import { isSerialId } from './serialId'

/**
 * Ids are Postgres serials. A path id that is not one (`/api/products/abc`, or beyond the serial
 * range) names no document: 404, rather than a database type error surfacing as a 500.
 */
export const refuseMalformedId: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (id !== undefined && id !== null && !isSerialId(String(id))) {
    throw new NotFound(req.t)
  }
  return args
}

/**
 * Adds the input guards to every collection: `refuseMalformedId` (path ids),
 * `refuseInvalidIdFilters` (ids in `where`), `refuseInvalidQueries` (the paths, operators and
 * values of `where` and `sort`) and `refuseInvalidRelationIds` (ids in the body).
 */
export const rejectMalformedIds: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        refuseMalformedId,
        refuseInvalidIdFilters,
        refuseInvalidQueries,
        ...(collection.hooks?.beforeOperation ?? []),
      ],
      beforeValidate: [refuseInvalidRelationIds, ...(collection.hooks?.beforeValidate ?? [])],
    },
  })),
})
