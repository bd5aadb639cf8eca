import { NotFound, type CollectionBeforeOperationHook, type Config, type Plugin } from 'payload'

import { refuseInvalidIdFilters } from '../../hooks/refuseInvalidIdFilters'
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
 * Adds the id guards to every collection: `refuseMalformedId` (path ids),
 * `refuseInvalidIdFilters` (ids in `where`) and `refuseInvalidRelationIds` (ids in the body).
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
        ...(collection.hooks?.beforeOperation ?? []),
      ],
      beforeValidate: [refuseInvalidRelationIds, ...(collection.hooks?.beforeValidate ?? [])],
    },
  })),
})
