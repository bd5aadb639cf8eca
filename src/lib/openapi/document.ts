import type { Field, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { isCatalogCacheable } from '../cache/catalogCache'
import { CREDENTIAL_ROUTES } from '../rateLimits'
import { builtinDoc, type BuiltinContext, ERROR_TEXT, type EntityNames } from './builtins'
import type { EndpointDoc, JsonSchema } from './endpointDoc'
import { EXPRESS_ROUTE_DOCS } from './expressRoutes'
import { fieldsSchema, type SchemaContext, type SchemaMode } from './fieldSchemas'
import { type ExpressRoute, listServerRoutes, type ServerRoute } from './routes'
import { SECURITY_SCHEMES, securityFor } from './security'

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

/** Fields Payload's upload feature fills from the file; never part of a request body. */
const UPLOAD_MANAGED = new Set([
  'filename',
  'mimeType',
  'filesize',
  'width',
  'height',
  'url',
  'thumbnailURL',
  'sizes',
  'prefix',
])

const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')

const ERROR_COMPONENTS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
}

const errorRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

const RATE_LIMIT_HEADERS: Record<string, JsonSchema> = {
  'Retry-After': {
    description: 'Seconds until the window resets',
    schema: { type: 'integer' },
  },
  RateLimit: {
    description: 'IETF draft-8: `"<policy>"; r=<remaining>; t=<seconds to reset>`',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'IETF draft-8: `"<policy>"; q=<quota>; w=<window seconds>`',
    schema: { type: 'string' },
  },
}

const isCredentialRoute = (method: string, path: string): boolean => {
  const concrete = path.replace(/\{[^}]+\}/g, 'x')
  return (
    CREDENTIAL_ROUTES.some((pattern) => pattern.test(concrete)) &&
    !(method === 'get' && /^\/api\/users\/?$/.test(concrete))
  )
}

const errorResponse = (status: number, description: string): JsonSchema => ({
  description,
  content: { 'application/json': { schema: errorRef('PayloadError') } },
  ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
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
  const expressRoutes =
    options.expressRoutes ??
    Object.keys(expressDocs).map((key) => {
      const [method, path] = key.split(' ')
      return { method: method as ExpressRoute['method'], path }
    })
  // The database adapter's id type (serial integers on Postgres unless a collection says otherwise).
  const defaultIdType = (config.db as { defaultIDType?: string } | undefined)?.defaultIDType
  const idTypeOf = (collection: SanitizedCollectionConfig): 'number' | 'string' => {
    const idField = collection.fields.find((field) => 'name' in field && field.name === 'id')
    if (idField) return idField.type === 'number' ? 'number' : 'string'
    return defaultIdType === 'text' || defaultIdType === 'uuid' ? 'string' : 'number'
  }

  const summaryName = (entity: EntityNames): string => `${entity.doc}Summary`
  // Component names: singular label when it is plain text, else the slug, made unique.
  const names = new Map<string, EntityNames>()
  const taken = new Set(['PayloadError', 'GraphQLRequest', 'GraphQLResponse'])
  const nameFor = (slug: string, label: unknown): EntityNames => {
    let base = pascal(typeof label === 'string' ? label : slug) || 'Entity'
    while (taken.has(base)) base = `${base}_`
    taken.add(base)
    return {
      doc: base,
      create: `${base}Create`,
      update: `${base}Update`,
      list: `${base}List`,
    }
  }
  for (const collection of config.collections) {
    names.set(collection.slug, nameFor(collection.slug, collection.labels?.singular))
  }
  for (const global of config.globals) {
    names.set(`global:${global.slug}`, nameFor(`${global.slug}-global`, undefined))
  }
  const collectionBySlug = new Map<string, SanitizedCollectionConfig>(
    config.collections.map((c) => [c.slug, c]),
  )
  const schemaContext = (mode: SchemaMode): SchemaContext => ({
    mode,
    idType: (slug) => {
      const collection = collectionBySlug.get(slug)
      return collection ? idTypeOf(collection) : 'number'
    },
    // A populated relationship is the target's `defaultPopulate` summary when it has one.
    refFor: (slug) => {
      const target = names.get(slug)
      const summarised = collectionBySlug.get(slug)?.defaultPopulate
      return `#/components/schemas/${target ? (summarised ? summaryName(target) : target.doc) : 'PayloadError'}`
    },
    blocks: Object.fromEntries((config.blocks ?? []).map((block) => [block.slug, block])),
  })

  const schemas: Record<string, JsonSchema> = {
    PayloadError: {
      type: 'object',
      description: "Payload's error shape, used by every error response",
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['message'],
            properties: {
              message: { type: 'string' },
              name: { type: 'string', description: 'Error class, e.g. ValidationError' },
              data: {
                description:
                  'Details; for validation errors `{ collection, errors: [{ path, message }] }`',
              },
            },
          },
        },
      },
      example: { errors: [{ message: 'You are not allowed to perform this action.' }] },
    },
    GraphQLRequest: {
      type: 'object',
      required: ['query'],
      properties: {
        query: { type: 'string' },
        variables: { type: 'object', additionalProperties: true },
        operationName: { type: 'string' },
      },
    },
    GraphQLResponse: {
      type: 'object',
      properties: {
        data: { type: ['object', 'null'], additionalProperties: true },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              message: { type: 'string' },
              path: { type: 'array' },
              extensions: { type: 'object' },
            },
          },
        },
      },
    },
  }

  const entitySchemas = (
    entityNames: EntityNames,
    fields: Field[],
    idType: 'number' | 'string' | undefined,
    extra: { auth?: boolean; upload?: boolean; defaultPopulate?: Record<string, unknown> },
  ): void => {
    const read = fieldsSchema(fields, schemaContext('read'))
    if (idType) {
      read.properties = { id: { type: idType }, ...read.properties }
      read.required = ['id', ...(read.required ?? [])]
    }
    if (extra.defaultPopulate) {
      // Payload adds `deletedAt` to collections with a trash.
      const kept = ['id', 'deletedAt', ...Object.keys(extra.defaultPopulate)]
      schemas[summaryName(entityNames)] = {
        type: 'object',
        description: `A ${entityNames.doc} as populated into other documents (its defaultPopulate fields); \`populate[<collection>][<field>]=true\` asks for others`,
        required: ['id'],
        properties: Object.fromEntries(
          Object.entries(read.properties ?? {}).filter(([key]) => kept.includes(key)),
        ),
      }
    }
    const inputs = (['create', 'update'] as const).map((mode) => {
      const input = fieldsSchema(fields, schemaContext(mode))
      for (const key of ['id', 'createdAt', 'updatedAt', 'deletedAt']) delete input.properties[key]
      if (extra.upload) {
        for (const key of UPLOAD_MANAGED) delete input.properties[key]
        if (input.required) input.required = input.required.filter((k) => !UPLOAD_MANAGED.has(k))
      }
      if (extra.auth) {
        input.properties.password = { type: 'string', format: 'password', writeOnly: true }
        if (mode === 'create') input.required = [...(input.required ?? []), 'password']
      }
      return input
    })
    schemas[entityNames.doc] = read
    schemas[entityNames.create] = inputs[0]
    schemas[entityNames.update] = inputs[1]
    schemas[entityNames.list] = {
      type: 'object',
      required: ['docs', 'totalDocs', 'page', 'totalPages', 'hasNextPage', 'hasPrevPage'],
      properties: {
        docs: { type: 'array', items: { $ref: `#/components/schemas/${entityNames.doc}` } },
        totalDocs: { type: 'integer' },
        limit: { type: 'integer' },
        totalPages: { type: 'integer' },
        page: { type: 'integer' },
        pagingCounter: { type: 'integer' },
        hasPrevPage: { type: 'boolean' },
        hasNextPage: { type: 'boolean' },
        prevPage: { type: ['integer', 'null'] },
        nextPage: { type: ['integer', 'null'] },
      },
    }
  }
  for (const collection of config.collections) {
    const localAuth = Boolean(collection.auth && !collection.auth.disableLocalStrategy)
    entitySchemas(names.get(collection.slug)!, collection.fields, idTypeOf(collection), {
      auth: localAuth,
      upload: Boolean(collection.upload),
      defaultPopulate: collection.defaultPopulate as Record<string, unknown> | undefined,
    })
  }
  for (const global of config.globals) {
    entitySchemas(names.get(`global:${global.slug}`)!, global.fields, undefined, {})
    delete schemas[names.get(`global:${global.slug}`)!.list]
    delete schemas[names.get(`global:${global.slug}`)!.create]
  }

  const routes = listServerRoutes(config, expressRoutes)
  const undocumented: string[] = []
  const paths: OpenApiDocument['paths'] = {}
  const operationIds = new Set<string>()

  const graphQLDoc = (): EndpointDoc => ({
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

  for (const route of routes) {
    const custom = route.endpoint?.custom?.openapi as EndpointDoc | undefined
    let doc: EndpointDoc | undefined = custom
    if (!doc && route.scope === 'express') doc = expressDocs[`${route.method} ${route.path}`]
    if (!doc && route.scope === 'graphql') doc = graphQLDoc()
    // A custom endpoint that takes over one of Payload's routes must document itself.
    // (Payload's own internal collections override their defaults themselves: preferences' `/:key`.)
    const mayBeBuiltin = !route.overrides || Boolean(route.slug?.startsWith('payload-'))
    if (!doc && mayBeBuiltin && route.scope !== 'express' && route.scope !== 'graphql') {
      const collection =
        route.scope === 'collection' ? collectionBySlug.get(route.slug!) : undefined
      const global =
        route.scope === 'global' ? config.globals.find((g) => g.slug === route.slug) : undefined
      const context: BuiltinContext = {
        config,
        collection,
        global,
        names: names.get(global ? `global:${global.slug}` : (route.slug ?? '')),
        idType: collection ? idTypeOf(collection) : 'number',
      }
      doc = builtinDoc(route, context)
    }
    if (!doc) {
      undocumented.push(`${route.method.toUpperCase()} ${route.path}`)
      continue
    }
    paths[route.path] ??= {}
    paths[route.path][route.method] = toOperation(route, doc, operationIds)
  }

  const tagNames = new Set<string>()
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const tag of (operation.tags as string[]) ?? []) tagNames.add(tag)
    }
  }
  const tagDescription = (name: string): string | undefined => {
    if (name.startsWith('payload-')) return 'Payload internal collection (admin UI)'
    if (collectionBySlug.has(name)) return `The ${name} collection`
    return {
      general: 'Routes at the API root',
      graphql: 'The GraphQL API',
      operations: 'Health probes of the front server',
      documentation: 'This reference',
    }[name]
  }
  const order = (name: string): number =>
    name.startsWith('payload-') ? 3 : collectionBySlug.has(name) ? 0 : name === 'graphql' ? 2 : 1
  const tags = [...tagNames]
    .sort((a, b) => order(a) - order(b))
    .map((name) => ({
      name,
      ...(tagDescription(name) ? { description: tagDescription(name) } : {}),
    }))

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Marketplace API',
      version: options.version ?? '0.1.0',
      description:
        'REST and GraphQL API of the Marketplace backend (Payload CMS behind Express). Generated from the Payload config at start. Start with docs/API.md; authentication details in docs/AUTH.md. Every error body is `{"errors":[{"message":…}]}`. All `/api` routes are rate limited per IP (300/min; credential endpoints 10/min).',
    },
    servers: [{ url: '/', description: 'This server' }],
    tags,
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(ERROR_COMPONENTS).map(([status, name]) => [
          name,
          errorResponse(Number(status), ERROR_TEXT[Number(status)]),
        ]),
      ),
      securitySchemes: SECURITY_SCHEMES,
    },
  }
  if (undocumented.length) document['x-undocumented-routes'] = undocumented
  return { document, undocumented, routes }
}

const toOperation = (
  route: ServerRoute,
  doc: EndpointDoc,
  operationIds: Set<string>,
): JsonSchema => {
  const parameters = [...(doc.parameters ?? [])].map((parameter) => ({ ...parameter }))
  for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      parameters.unshift({ name, in: 'path', required: true, schema: { type: 'string' } })
    }
  }
  for (const parameter of parameters) if (parameter.in === 'path') parameter.required = true

  const responses: Record<string, JsonSchema> = {}
  for (const [status, response] of Object.entries(doc.responses)) {
    const code = Number(status)
    if (code >= 400 && !response.schema && ERROR_COMPONENTS[code]) {
      responses[status] =
        response.description === ERROR_TEXT[code]
          ? { $ref: `#/components/responses/${ERROR_COMPONENTS[code]}` }
          : errorResponse(code, response.description)
      continue
    }
    const contentType = response.contentType ?? 'application/json'
    const schema = response.schema ?? (code >= 400 ? errorRef('PayloadError') : undefined)
    responses[status] = {
      description: response.description,
      ...(schema || response.example !== undefined
        ? {
            content: {
              [contentType]: {
                ...(schema ? { schema } : {}),
                ...(response.example !== undefined ? { example: response.example } : {}),
              },
            },
          }
        : {}),
      ...(response.headers ? { headers: response.headers } : {}),
    }
  }
  if (doc.auth === 'required' && !responses['401']) {
    responses['401'] = { $ref: '#/components/responses/Unauthorized' }
  }
  if (
    route.method === 'get' &&
    isCatalogCacheable(route.path.replace(/\{[^}]+\}/g, 'x')) &&
    !responses['304']
  ) {
    responses['304'] = {
      description: "Not modified: an anonymous request's `If-None-Match` matched the cached `ETag`",
    }
  }
  // bodyLimits answers every write under /api whose body is too large or of unknown length.
  if (route.path.startsWith('/api/') && ['post', 'put', 'patch'].includes(route.method)) {
    responses['411'] ??= errorResponse(411, 'Length required: the body had no `Content-Length`')
    responses['413'] ??= { $ref: '#/components/responses/PayloadTooLarge' }
  }
  // databaseGate, answerDatabaseUnavailable and answerTransactionConflict: any /api route.
  if (route.path.startsWith('/api/')) {
    responses['503'] ??= errorResponse(
      503,
      'The database is unavailable, the server busy, or the request was rolled back after a ' +
        'conflict with a concurrent one (nothing saved); retry after `Retry-After` seconds',
    )
  }
  if (route.path.startsWith('/api/') && !responses['429']) {
    responses['429'] = isCredentialRoute(route.method, route.path)
      ? errorResponse(
          429,
          'Too many requests: the credential-endpoint limit (10/min per IP by default) was hit',
        )
      : { $ref: '#/components/responses/TooManyRequests' }
  }

  let operationId =
    doc.operationId ??
    `${route.method}${pascal(route.path.replace(/^\/api/, '').replace(/[{}]/g, ''))}`
  while (operationIds.has(operationId)) operationId = `${operationId}_`
  operationIds.add(operationId)

  const tags = doc.tags ?? [route.slug ?? (route.scope === 'express' ? 'operations' : 'general')]
  return {
    tags,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId,
    ...(doc.deprecated ? { deprecated: true } : {}),
    security: securityFor(doc.auth, doc.sessionOnly),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.requestBody
      ? {
          requestBody: {
            required: doc.requestBody.required ?? true,
            ...(doc.requestBody.description ? { description: doc.requestBody.description } : {}),
            content: {
              [doc.requestBody.contentType ?? 'application/json']: {
                schema: doc.requestBody.schema,
                ...(doc.requestBody.example !== undefined
                  ? { example: doc.requestBody.example }
                  : {}),
              },
            },
          },
        }
      : {}),
    responses,
  }
}
