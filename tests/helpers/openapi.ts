import { validate } from '@readme/openapi-parser'
import { Ajv2020 } from 'ajv/dist/2020'
import { match } from 'path-to-regexp'
import type { Endpoint, SanitizedConfig } from 'payload'

import type { OpenApiDocument } from '../../src/lib/openapi/document'

/** Validates with a real OpenAPI 3.1 validator; returns its error text ('' when valid). */
export const openApiErrors = async (document: unknown): Promise<string> => {
  // The validator dereferences in place: give it a copy.
  const result = await validate(structuredClone(document) as never)
  if (result.valid) return ''
  return JSON.stringify(result.errors, null, 2)
}

const template = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
const optional = (path: string): string[] => {
  const match = /^(.*)\/:([A-Za-z0-9_]+)\?$/.exec(path)
  return match ? [match[1] || '/', `${match[1]}/:${match[2]}`] : [path]
}
const under = (base: string, path: string): string => (path === '/' ? base : `${base}${path}`)

/**
 * The routes the server answers, listed straight from the sanitized config (independently of the
 * generator's own route listing) plus the given Express routes: `METHOD /path` strings. A route
 * whose requests an earlier endpoint takes (Payload's router picks the first match, as
 * path-to-regexp matches) is not answered by its own endpoint and is left out.
 */
export const serverRoutes = (
  config: SanitizedConfig,
  expressRoutes: Array<{ method: string; path: string }>,
): string[] => {
  const routes: string[] = []
  const api = config.routes.api
  const fromEndpoints = (
    endpoints: Endpoint[] | false | undefined,
    base: string,
    versions: boolean,
    puts = false,
  ) => {
    const list = endpoints || []
    list.forEach((endpoint, index) => {
      // Version routes only answer when the collection keeps versions.
      if (!versions && endpoint.path.startsWith('/versions')) return
      for (const path of optional(endpoint.path)) {
        // Payload's router answers with the first endpoint of the method whose path matches.
        const request = path.replace(/:[A-Za-z0-9_]+/g, 'some-value')
        const answeredEarlier = list
          .slice(0, index)
          .some(
            (earlier) =>
              earlier.method === endpoint.method &&
              match(earlier.path, { decode: decodeURIComponent })(request),
          )
        if (answeredEarlier) continue
        const route = `${endpoint.method.toUpperCase()} ${template(under(base, path))}`
        routes.push(route)
        // The front server answers `PUT /api/<collection>/<id>` as that PATCH.
        if (puts && route.startsWith('PATCH ') && path === '/:id')
          routes.push(`PUT ${route.slice(6)}`)
      }
    })
  }
  for (const collection of config.collections) {
    fromEndpoints(
      collection.endpoints,
      `${api}/${collection.slug}`,
      Boolean(collection.versions),
      true,
    )
  }
  for (const global of config.globals) {
    fromEndpoints(global.endpoints, `${api}/globals/${global.slug}`, Boolean(global.versions))
  }
  fromEndpoints(config.endpoints, api, true)
  if (!config.graphQL.disable) routes.push(`POST ${api}${config.routes.graphQL}`)
  for (const route of expressRoutes) {
    routes.push(`${route.method.toUpperCase()} ${template(route.path)}`)
  }
  return [...new Set(routes)]
}

/** Normalises parameter names: `/{key}` and `/{id}` are the same route. */
const shape = (route: string): string => route.replace(/\{[^}]+\}/g, '{}')

/** Every server route that the document does not describe. */
export const missingRoutes = (routes: string[], document: OpenApiDocument): string[] => {
  const documented = new Set<string>()
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) documented.add(shape(`${method.toUpperCase()} ${path}`))
  }
  return routes.filter((route) => !documented.has(shape(route)))
}

/** Every operation of the document that no server route answers (another endpoint takes it). */
export const unansweredRoutes = (routes: string[], document: OpenApiDocument): string[] => {
  const answered = new Set(routes.map(shape))
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .map((method) => `${method.toUpperCase()} ${path}`)
      .filter((route) => !answered.has(shape(route))),
  )
}

/** An Ajv validator for `#/components/schemas/<name>` of the document. */
export const schemaValidator = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
  ajv.addSchema(document as object, 'openapi')
  return (name: string, value: unknown): string => {
    const validateFn = ajv.getSchema(`openapi#/components/schemas/${name}`)
    if (!validateFn) throw new Error(`no schema ${name}`)
    return validateFn(value) ? '' : ajv.errorsText(validateFn.errors)
  }
}
