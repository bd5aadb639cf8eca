import { validate } from '@readme/openapi-parser'
import { Ajv2020 } from 'ajv/dist/2020'
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
 * generator's own route listing) plus the given Express routes: `METHOD /path` strings.
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
  ) => {
    for (const endpoint of endpoints || []) {
      // Version routes only answer when the collection keeps versions.
      if (!versions && endpoint.path.startsWith('/versions')) continue
      for (const path of optional(endpoint.path)) {
        routes.push(`${endpoint.method.toUpperCase()} ${template(under(base, path))}`)
      }
    }
  }
  for (const collection of config.collections) {
    fromEndpoints(collection.endpoints, `${api}/${collection.slug}`, Boolean(collection.versions))
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
