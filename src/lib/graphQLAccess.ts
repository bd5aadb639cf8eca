import type { GraphQLExtension } from 'payload'

type Resolver = (...args: unknown[]) => Promise<Record<string, unknown>>

/**
 * GraphQL's `Access` query, answering `canAccessAdmin: false` instead of failing. Payload's
 * permissions drop a false `canAccessAdmin`, yet its GraphQL type declares the field non-null,
 * so every caller without admin access (anonymous, customers, vendors, API tokens) got an error
 * (a 500) for `{ Access { canAccessAdmin } }`.
 */
export const graphQLAccessQuery: GraphQLExtension = (_GraphQL, { Query }) => {
  const access = Query.fields.Access as { resolve: Resolver } | undefined
  if (!access) return {}
  return {
    Access: {
      ...access,
      resolve: async (...args: unknown[]) => ({
        canAccessAdmin: false,
        ...(await access.resolve(...args)),
      }),
    },
  }
}
