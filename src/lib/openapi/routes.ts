import { match } from 'path-to-regexp'
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
  /**
   * True when this endpoint takes requests meant for a later one (the same method and path, or a
   * parameter that matches the later one's literal path): a custom override of a default route.
   */
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

/** A request path that only requests of `path` have: its parameters filled in. */
const requestPathOf = (path: string): string => path.replace(/:[A-Za-z0-9_]+/g, 'any-value')

/**
 * The earlier endpoint that takes the requests of `path` (Payload's router answers a request with
 * the first endpoint of its method whose path matches, as path-to-regexp matches it): `/:key`
 * takes `/count`, `/:key` takes `/:id`; `/:key` does not take `/:id/duplicate`.
 */
const takenBy = (earlier: Endpoint[], method: string, path: string): Endpoint | undefined =>
  earlier.find(
    (endpoint) =>
      endpoint.method === method &&
      Boolean(match(endpoint.path, { decode: decodeURIComponent })(requestPathOf(path))),
  )

const isVersionRoute = (path: string): boolean => /^\/versions(\/|$)/.test(path)

type Entity = {
  endpoints: Endpoint[] | false | undefined
  base: string
  scope: ServerRoute['scope']
  slug?: string
  /** Whether its version routes answer (a collection or global without versions refuses them). */
  versions: boolean
}

/**
 * The routes of one collection's, global's or the root's endpoints, in Payload's order. A path
 * an earlier endpoint takes is left out and that endpoint marked as overriding.
 */
const entityRoutes = (entity: Entity): ServerRoute[] => {
  const list = entity.endpoints || []
  const routes: ServerRoute[] = []
  // The PATCH and the PUT of `/:id` are one endpoint: both override what it takes.
  const byEndpoint = new Map<Endpoint, ServerRoute[]>()
  list.forEach((endpoint, index) => {
    if (endpoint.method === 'connect') return
    if (!entity.versions && isVersionRoute(endpoint.path)) return
    for (const path of expandOptional(endpoint.path)) {
      const earlier = takenBy(list.slice(0, index), endpoint.method, path)
      if (earlier) {
        for (const taker of byEndpoint.get(earlier) ?? []) taker.overrides = true
        continue
      }
      const route = {
        path: toTemplate(join(entity.base, path)),
        scope: entity.scope,
        slug: entity.slug,
        endpoint,
        endpointPath: path,
      }
      const added: ServerRoute[] = [{ ...route, method: endpoint.method as HttpMethod }]
      // The front server answers `PUT /<collection>/:id` as this PATCH (see payloadRest).
      if (entity.scope === 'collection' && endpoint.method === 'patch' && path === '/:id') {
        added.push({ ...route, method: 'put' })
      }
      byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), ...added])
      routes.push(...added)
    }
  })
  return routes
}

/**
 * Every route the server answers, derived from the sanitized Payload config (each collection's and
 * global's `endpoints`, which Payload fills with its default REST, auth and upload routes, the
 * config's root `endpoints`, GraphQL) plus the front server's Express routes.
 *
 * Left out on purpose: version routes of collections/globals without versions (they answer an
 * error), and a route whose requests an earlier endpoint takes (Payload routes to the first match,
 * so the later one never answers: the preferences' `GET /:key` answers `GET /count`).
 */
export const listServerRoutes = (
  config: SanitizedConfig,
  expressRoutes: ExpressRoute[] = [],
): ServerRoute[] => {
  const api = config.routes.api
  const entities: Entity[] = [
    ...config.collections.map((collection) => ({
      endpoints: collection.endpoints,
      base: `${api}/${collection.slug}`,
      scope: 'collection' as const,
      slug: collection.slug,
      versions: Boolean(collection.versions),
    })),
    ...config.globals.map((global) => ({
      endpoints: global.endpoints,
      base: `${api}/globals/${global.slug}`,
      scope: 'global' as const,
      slug: global.slug,
      versions: Boolean(global.versions),
    })),
    { endpoints: config.endpoints, base: api, scope: 'root', versions: true },
  ]
  return [
    ...entities.flatMap(entityRoutes),
    ...(config.graphQL.disable
      ? []
      : [
          {
            method: 'post' as const,
            path: `${api}${config.routes.graphQL}`,
            scope: 'graphql' as const,
          },
        ]),
    ...expressRoutes.map((route) => ({
      method: route.method,
      path: toTemplate(route.path),
      scope: 'express' as const,
    })),
  ]
}
