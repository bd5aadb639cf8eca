import type { CollectionConfig, Plugin } from 'payload'

import {
  CATALOG_CHANGES,
  installCommitInvalidation,
  invalidateCatalogAfterChange,
  invalidateCatalogAfterDelete,
} from './cache/invalidateCatalog'
import { clampQueryArgs } from './limits/clampQueryArgs'
import { graphQLSearchQueries } from './search/graphQLSearch'

const isCatalog = (slug: string): boolean => slug in CATALOG_CHANGES

const withCatalogHooks = (collection: CollectionConfig): CollectionConfig => {
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      beforeOperation: [...(hooks.beforeOperation ?? []), clampQueryArgs],
      ...(isCatalog(collection.slug)
        ? {
            afterChange: [...(hooks.afterChange ?? []), invalidateCatalogAfterChange],
            afterDelete: [...(hooks.afterDelete ?? []), invalidateCatalogAfterDelete],
          }
        : {}),
    },
  }
}

/**
 * Catalog at speed (issue 5), attached to collections generically so their files stay untouched:
 * - query limits (`limit` ≤ 100, default 20; `depth` ≤ 2) on every collection, REST and GraphQL;
 * - cache invalidation hooks on the catalog collections, and the commit wrapper that bumps the
 *   cache generation after a catalog write commits;
 * - the `searchProducts` GraphQL query; GraphQL's complexity limit stays on (default 1000).
 */
export const catalogPlugin = (): Plugin => (config) => {
  const previousQueries = config.graphQL?.queries
  return {
    ...config,
    collections: (config.collections ?? []).map(withCatalogHooks),
    graphQL: {
      ...config.graphQL,
      maxComplexity: config.graphQL?.maxComplexity ?? 1000,
      queries: (GraphQL, context) => ({
        ...(previousQueries?.(GraphQL, context) ?? {}),
        ...graphQLSearchQueries(GraphQL, context),
      }),
    },
    onInit: async (payload) => {
      installCommitInvalidation(payload)
      await config.onInit?.(payload)
    },
  }
}
