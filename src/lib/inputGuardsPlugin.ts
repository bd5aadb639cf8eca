import type { Config, Plugin } from 'payload'

import { refuseInvalidIdFilters } from '../../hooks/shared/refuseInvalidIdFilters'
import { refuseInvalidQueries } from '../../hooks/shared/refuseInvalidQueries'
import { refuseInvalidRelationIds } from '../../hooks/shared/refuseInvalidRelationIds'
import { refuseMalformedId } from '../../hooks/shared/refuseMalformedId'

/**
 * Adds the input guards to every collection: `refuseMalformedId` (path ids),
 * `refuseInvalidIdFilters` (ids in `where`), `refuseInvalidQueries` (the paths, operators and
 * values of `where` and `sort`) and `refuseInvalidRelationIds` (ids in the body).
 */
export const inputGuardsPlugin: Plugin = (config: Config): Config => ({
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
