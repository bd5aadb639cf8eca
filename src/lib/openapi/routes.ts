import type { Endpoint, SanitizedConfig } from 'payload'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options'

/** One route the server answers, with the Payload endpoint behind it when there is one. */
export type ServerRoute = {
  method: HttpMethod
  /** OpenAPI path template, e.g. `/api/products/{id}`. */
  path: string
  scope: 'collection' | 'global' | 'root' | 'graphql' | 'express'
  /** Collection or global slug. */
  slug?: string
  endpoint?: Endpoint
  /** The endpoint's own path as configured (`/:id`, `/verify/:id`, …). */
  endpointPath?: string
  /** True when a later endpoint has the same method and path: this one (custom) takes it over. */
  overrides?: boolean
}

/** An Express route of the front server (outside Payload). */
export type ExpressRoute = { method: HttpMethod; path: string }

const toTemplate = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

/** `/access/:id?` is two routes: `/access` and `/access/:id`. */
const expandOptional = (path: string): string[] => {
  const match = /^(.*)\/:([A-Za-z0-9_]+)\?$/.exec(path)
  return match ? [match[1] || '/', `${match[1]}/:${match[2]}`] : [path]
}

const join = (base: string, path: string): string =>
  path === '/' || path === '' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`

/** Same route whatever its parameters are called (`/:key` shadows `/:id`). */
const routeKey = (method: string, path: string): string =>
  `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`

const isVersionRoute = (path: string): boolean => /^\/versions(\/|$)/.test(path)

/**
 * Every route the server answers, derived from the sanitized Payload config (each collection's and
 * global's `endpoints`, which Payload fills with its default REST, auth and upload routes, the
 * config's root `endpoints`, GraphQL) plus the front server's Express routes.
 *
 * Left out on purpose: version routes of collections/globals without versions (they answer an
 * error), and a route shadowed by an earlier endpoint with the same method and path (Payload
 * routes to the first match, so the later one can never answer).
 */
export const listServerRoutes = (
  config: SanitizedConfig,
  expressRoutes: ExpressRoute[] = [],
): ServerRoute[] => {
  const api = config.routes.api
  const routes: ServerRoute[] = []
  const seen = new Map<string, ServerRoute>()
  const add = (route: ServerRoute): void => {
    const key = routeKey(route.method, route.path)
    const first = seen.get(key)
    if (first) {
      first.overrides = true
      return
    }
    seen.set(key, route)
    routes.push(route)
  }
  const addEndpoints = (
    endpoints: Endpoint[] | false | undefined,
    base: string,
    scope: ServerRoute['scope'],
    slug: string | undefined,
    versions: boolean,
  ): void => {
    for (const endpoint of endpoints || []) {
      if (endpoint.method === 'connect') continue
      if (!versions && isVersionRoute(endpoint.path)) continue
      for (const path of expandOptional(endpoint.path)) {
        const route = {
          path: toTemplate(join(base, path)),
          scope,
          slug,
          endpoint,
          endpointPath: path,
        }
        add({ ...route, method: endpoint.method as HttpMethod })
        // The front server answers `PUT /<collection>/:id` as this PATCH (see payloadRest).
        if (scope === 'collection' && endpoint.method === 'patch' && path === '/:id') {
          add({ ...route, method: 'put' })
        }
      }
    }
  }

  for (const collection of config.collections) {
    addEndpoints(
      collection.endpoints,
      `${api}/${collection.slug}`,
      'collection',
      collection.slug,
      Boolean(collection.versions),
    )
  }
  for (const global of config.globals) {
    addEndpoints(
      global.endpoints,
      `${api}/globals/${global.slug}`,
      'global',
      global.slug,
      Boolean(global.versions),
    )
  }
  addEndpoints(config.endpoints, api, 'root', undefined, true)
  if (!config.graphQL.disable) {
    add({ method: 'post', path: `${api}${config.routes.graphQL}`, scope: 'graphql' })
  }
  for (const route of expressRoutes) {
    add({ method: route.method, path: toTemplate(route.path), scope: 'express' })
  }
  return routes
}
