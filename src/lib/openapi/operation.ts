import { isCatalogCacheable } from '../cache/catalogCache'
import { CREDENTIAL_ROUTES } from '../rateLimits'
import { ERROR_TEXT } from './builtinParts'
import type { EndpointDoc, EndpointResponseDoc, JsonSchema } from './endpointDoc'
import { pascal } from './names'
import type { ServerRoute } from './routes'
import { securityFor } from './security'

/** Error statuses with a shared response component (`#/components/responses/<name>`). */
const ERROR_COMPONENTS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
}

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

const errorSchema: JsonSchema = { $ref: '#/components/schemas/PayloadError' }
const responseRef = (name: string): JsonSchema => ({ $ref: `#/components/responses/${name}` })

const errorResponse = (status: number, description: string): JsonSchema => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
  ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
})

/** The shared error responses, `components.responses`. */
export const errorComponents = (): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(ERROR_COMPONENTS).map(([status, name]) => [
      name,
      errorResponse(Number(status), ERROR_TEXT[Number(status)]),
    ]),
  )

const concretePath = (path: string): string => path.replace(/\{[^}]+\}/g, 'x')

const isCredentialRoute = (method: string, path: string): boolean => {
  const concrete = concretePath(path)
  return (
    CREDENTIAL_ROUTES.some((pattern) => pattern.test(concrete)) &&
    !(method === 'get' && /^\/api\/users\/?$/.test(concrete))
  )
}

/** The doc's parameters, with every path parameter of the route declared and required. */
const parametersOf = (route: ServerRoute, doc: EndpointDoc) => {
  const parameters = [...(doc.parameters ?? [])].map((parameter) => ({ ...parameter }))
  for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      parameters.unshift({ name, in: 'path', required: true, schema: { type: 'string' } })
    }
  }
  for (const parameter of parameters) if (parameter.in === 'path') parameter.required = true
  return parameters
}

/** One response of a doc: a shared error component when it says only the standard text. */
const responseOf = (code: number, response: EndpointResponseDoc): JsonSchema => {
  if (code >= 400 && !response.schema && ERROR_COMPONENTS[code]) {
    return response.description === ERROR_TEXT[code]
      ? responseRef(ERROR_COMPONENTS[code])
      : errorResponse(code, response.description)
  }
  const contentType = response.contentType ?? 'application/json'
  const schema = response.schema ?? (code >= 400 ? errorSchema : undefined)
  const content = {
    ...(schema ? { schema } : {}),
    ...(response.example !== undefined ? { example: response.example } : {}),
  }
  return {
    description: response.description,
    ...(Object.keys(content).length ? { content: { [contentType]: content } } : {}),
    ...(response.headers ? { headers: response.headers } : {}),
  }
}

/**
 * Responses the front server gives on routes whatever their doc says: 401 where a user is
 * required, 304 from the catalogue cache, 411/413 from bodyLimits, 503 from databaseGate and the
 * transaction-conflict answer, 429 from the rate limiter.
 */
const addServerResponses = (
  route: ServerRoute,
  doc: EndpointDoc,
  responses: Record<string, JsonSchema>,
): void => {
  if (doc.auth === 'required') responses['401'] ??= responseRef('Unauthorized')
  if (route.method === 'get' && isCatalogCacheable(concretePath(route.path))) {
    responses['304'] ??= {
      description: "Not modified: an anonymous request's `If-None-Match` matched the cached `ETag`",
    }
  }
  if (!route.path.startsWith('/api/')) return
  if (['post', 'put', 'patch'].includes(route.method)) {
    responses['411'] ??= errorResponse(411, 'Length required: the body had no `Content-Length`')
    responses['413'] ??= responseRef('PayloadTooLarge')
  }
  responses['503'] ??= errorResponse(
    503,
    'The database is unavailable, the server busy, or the request was rolled back after a ' +
      'conflict with a concurrent one (nothing saved); retry after `Retry-After` seconds',
  )
  responses['429'] ??= isCredentialRoute(route.method, route.path)
    ? errorResponse(
        429,
        'Too many requests: the credential-endpoint limit (10/min per IP by default) was hit',
      )
    : responseRef('TooManyRequests')
}

const requestBodyOf = (body: NonNullable<EndpointDoc['requestBody']>): JsonSchema => ({
  required: body.required ?? true,
  ...(body.description ? { description: body.description } : {}),
  content: {
    [body.contentType ?? 'application/json']: {
      schema: body.schema,
      ...(body.example !== undefined ? { example: body.example } : {}),
    },
  },
})

/** The doc's operationId, or one derived from the method and path; made unique. */
const operationIdOf = (route: ServerRoute, doc: EndpointDoc, taken: Set<string>): string => {
  let operationId =
    doc.operationId ??
    `${route.method}${pascal(route.path.replace(/^\/api/, '').replace(/[{}]/g, ''))}`
  while (taken.has(operationId)) operationId = `${operationId}_`
  taken.add(operationId)
  return operationId
}

/** The OpenAPI operation of one route from its EndpointDoc. */
export const toOperation = (
  route: ServerRoute,
  doc: EndpointDoc,
  operationIds: Set<string>,
): JsonSchema => {
  const parameters = parametersOf(route, doc)
  const responses: Record<string, JsonSchema> = {}
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[status] = responseOf(Number(status), response)
  }
  addServerResponses(route, doc, responses)
  const operationId = operationIdOf(route, doc, operationIds)
  return {
    tags: doc.tags ?? [route.slug ?? (route.scope === 'express' ? 'operations' : 'general')],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId,
    ...(doc.deprecated ? { deprecated: true } : {}),
    security: securityFor(doc.auth, doc.sessionOnly),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.requestBody ? { requestBody: requestBodyOf(doc.requestBody) } : {}),
    responses,
  }
}
