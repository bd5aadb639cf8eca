import type { SanitizedConfig } from 'payload'

import { builtinDoc } from './builtins'
import type { EndpointDoc, JsonSchema } from './endpointDoc'
import { EXPRESS_ROUTE_DOCS } from './expressRoutes'
import { type Naming, namingOf } from './names'
import { errorComponents, toOperation } from './operation'
import { type ExpressRoute, listServerRoutes, type ServerRoute } from './routes'
import { buildSchemas } from './schemas'
import { securitySchemes } from './security'
import { tagsOf } from './tags'

export type OpenApiDocument = {
  openapi: '3.1.0'
  info: { title: string; version: string; description?: string }
  servers: Array<{ url: string; description?: string }>
  tags: Array<{ name: string; description?: string }>
  paths: Record<string, Record<string, JsonSchema>>
  components: {
    schemas: Record<string, JsonSchema>
    responses: Record<string, JsonSchema>
    securitySchemes: Record<string, JsonSchema>
  }
  'x-undocumented-routes'?: string[]
}

export type OpenApiBuild = {
  document: OpenApiDocument
  /** `METHOD /path` of every route that has no documentation (a custom endpoint without `custom.openapi`). */
  undocumented: string[]
  routes: ServerRoute[]
}

export type BuildOptions = {
  /** Routes Express answers itself; defaults to the documented ones. */
  expressRoutes?: ExpressRoute[]
  expressDocs?: Record<string, EndpointDoc>
  version?: string
}

const DESCRIPTION =
  'REST and GraphQL API of the Marketplace backend (Payload CMS behind Express). Generated from the Payload config at start. Start with docs/API.md; authentication details in docs/AUTH.md. Every error body is `{"errors":[{"message":…}]}`. All `/api` routes are rate limited per IP (300/min; credential endpoints 10/min).'

const graphQLDoc = (config: SanitizedConfig): EndpointDoc => ({
  summary: 'GraphQL: every collection as queries and mutations',
  description: `Queries: \`Products\` (list, with \`where\`, \`sort\`, \`limit\`, \`page\`), \`Product(id)\`, \`countProducts\`, and the same per collection; mutations: \`createProduct\`, \`updateProduct\`, \`deleteProduct\`, \`loginUser\`, … Complexity limit ${config.graphQL.maxComplexity ?? 1000}; introspection and the playground are off in production (the schema is in src/generated-schema.graphql). See docs/API.md#graphql.`,
  tags: ['graphql'],
  operationId: 'graphql',
  auth: 'optional',
  requestBody: {
    required: true,
    schema: { $ref: '#/components/schemas/GraphQLRequest' },
    example: { query: '{ Products(limit: 2, sort: "-price") { docs { id brand model } } }' },
  },
  responses: {
    200: {
      description: 'Result; errors of individual fields come in `errors` with status 200',
      schema: { $ref: '#/components/schemas/GraphQLResponse' },
    },
    400: { description: 'Malformed query or over the complexity limit' },
  },
})

/** Payload's own description of one of its routes, from the collection's or global's config. */
const payloadRouteDoc = (
  route: ServerRoute,
  config: SanitizedConfig,
  naming: Naming,
): EndpointDoc | undefined => {
  const collection =
    route.scope === 'collection' ? naming.collectionBySlug.get(route.slug!) : undefined
  const global =
    route.scope === 'global' ? config.globals.find((g) => g.slug === route.slug) : undefined
  return builtinDoc(route, {
    config,
    collection,
    global,
    names: naming.names.get(global ? `global:${global.slug}` : (route.slug ?? '')),
    idType: collection ? naming.idTypeOf(collection) : 'number',
  })
}

/**
 * A route's documentation: the endpoint's own `custom.openapi`, the Express route's, GraphQL's,
 * or that of the Payload route it is. A custom endpoint that takes over one of Payload's routes
 * must document itself (Payload's internal collections override their defaults themselves:
 * preferences' `/:key`).
 */
const docOf = (
  route: ServerRoute,
  config: SanitizedConfig,
  naming: Naming,
  expressDocs: Record<string, EndpointDoc>,
): EndpointDoc | undefined => {
  const custom = route.endpoint?.custom?.openapi as EndpointDoc | undefined
  if (custom) return custom
  if (route.scope === 'express') return expressDocs[`${route.method} ${route.path}`]
  if (route.scope === 'graphql') return graphQLDoc(config)
  const mayBePayloads = !route.overrides || Boolean(route.slug?.startsWith('payload-'))
  return mayBePayloads ? payloadRouteDoc(route, config, naming) : undefined
}

const documentedExpressRoutes = (docs: Record<string, EndpointDoc>): ExpressRoute[] =>
  Object.keys(docs).map((key) => {
    const [method, path] = key.split(' ')
    return { method: method as ExpressRoute['method'], path }
  })

/**
 * Builds the OpenAPI 3.1 document of everything the server answers, from the sanitized Payload
 * config: each collection's REST, auth and upload routes with schemas derived from its fields,
 * globals, GraphQL, every custom endpoint (from its `custom.openapi` EndpointDoc) and the front
 * server's Express routes.
 */
export const buildOpenApiDocument = (
  config: SanitizedConfig,
  options: BuildOptions = {},
): OpenApiBuild => {
  const expressDocs = options.expressDocs ?? EXPRESS_ROUTE_DOCS
  const naming = namingOf(config)
  const routes = listServerRoutes(
    config,
    options.expressRoutes ?? documentedExpressRoutes(expressDocs),
  )
  const undocumented: string[] = []
  const paths: OpenApiDocument['paths'] = {}
  const operationIds = new Set<string>()
  for (const route of routes) {
    const doc = docOf(route, config, naming, expressDocs)
    if (!doc) {
      undocumented.push(`${route.method.toUpperCase()} ${route.path}`)
      continue
    }
    paths[route.path] ??= {}
    paths[route.path][route.method] = toOperation(route, doc, operationIds)
  }
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Marketplace API',
      version: options.version ?? '0.1.0',
      description: DESCRIPTION,
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: tagsOf(paths, new Set(naming.collectionBySlug.keys())),
    paths,
    components: {
      schemas: buildSchemas(config, naming),
      responses: errorComponents(),
      securitySchemes: securitySchemes(config.cookiePrefix),
    },
  }
  if (undocumented.length) document['x-undocumented-routes'] = undocumented
  return { document, undocumented, routes }
}
