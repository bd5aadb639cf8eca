import { NotFound, type CollectionBeforeOperationHook, type Config, type Plugin } from 'payload'

/**
 * Ids are Postgres serials. A path id that is not one (`/api/products/abc`) names no document:
 * 404, rather than a database type error surfacing as a 500.
 */
export const refuseMalformedId: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (id !== undefined && id !== null && !/^\d{1,15}$/.test(String(id))) {
    throw new NotFound(req.t)
  }
  return args
}

/** Adds `refuseMalformedId` to every collection. */
export const rejectMalformedIds: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [refuseMalformedId, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})
