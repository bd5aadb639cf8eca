import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { builtinDoc, type BuiltinContext } from '../../src/lib/openapi/builtins'
import type { EndpointDoc } from '../../src/lib/openapi/endpointDoc'
import { listServerRoutes, type ServerRoute } from '../../src/lib/openapi/routes'
import { tagsOf } from '../../src/lib/openapi/tags'

const names = { doc: 'Thing', create: 'ThingCreate', update: 'ThingUpdate', list: 'ThingList' }

const context = (
  collection: Record<string, unknown>,
  config: Record<string, unknown> = {},
): BuiltinContext => ({
  config: { cookiePrefix: 'payload', localization: false, ...config } as unknown as SanitizedConfig,
  collection: { slug: 'things', ...collection } as unknown as SanitizedCollectionConfig,
  names,
  idType: 'number',
})

const route = (method: ServerRoute['method'], endpointPath: string, slug = 'things') =>
  ({
    method,
    path: `/api/${slug}${endpointPath}`,
    scope: 'collection',
    slug,
    endpointPath,
  }) as const

const doc = (c: BuiltinContext, method: ServerRoute['method'], path: string): EndpointDoc =>
  builtinDoc(route(method, path, c.collection!.slug), c)!

const bodySchema = (d: EndpointDoc) => d.requestBody?.schema as { required?: string[] }
const paramNames = (d: EndpointDoc) => (d.parameters ?? []).map((p) => p.name)

describe("Payload's own routes, described from the collection config", () => {
  it('takes the login identity from auth.loginWithUsername', () => {
    const email = doc(context({ auth: { loginWithUsername: false } }), 'post', '/login')
    expect(email.summary).toBe('Log in with email and password')
    expect(bodySchema(email).required).toEqual(['email', 'password'])

    const either = doc(
      context({ auth: { loginWithUsername: { allowEmailLogin: true } } }),
      'post',
      '/login',
    )
    expect(either.summary).toBe('Log in with email (or username) and password')
    expect(bodySchema(either).required).toEqual(['password'])

    const username = context({ auth: { loginWithUsername: { allowEmailLogin: false } } })
    expect(doc(username, 'post', '/login').summary).toBe('Log in with username and password')
    expect(bodySchema(doc(username, 'post', '/unlock')).required).toEqual(['username'])
  })

  it('mentions the account lock only with maxLoginAttempts, and the configured cookie', () => {
    const locking = doc(context({ auth: { maxLoginAttempts: 5 } }), 'post', '/login')
    expect(locking.description).toContain('Locks the account')
    const open = doc(
      context({ auth: { maxLoginAttempts: 0 } }, { cookiePrefix: 'shop' }),
      'post',
      '/login',
    )
    expect(open.description).not.toContain('Locks the account')
    expect(open.description).toContain('`shop-token`')
  })

  it('describes uploads as multipart with a size limit, other creates as JSON', () => {
    const upload = doc(context({ upload: {} }), 'post', '/')
    expect(upload.requestBody).toMatchObject({ contentType: 'multipart/form-data' })
    expect(upload.responses).toHaveProperty('413')
    const plain = doc(context({}), 'post', '/')
    expect(plain.requestBody).toEqual({
      required: true,
      schema: { $ref: '#/components/schemas/ThingCreate' },
    })
    expect(plain.responses).not.toHaveProperty('413')
    expect(plain.summary).toBe('Create a document')
    expect(doc(context({ auth: {} }), 'post', '/').summary).toBe(
      'Create a things account (sign-up)',
    )
  })

  it('adds draft, trash and locale parameters only where the config has them', () => {
    expect(paramNames(doc(context({}), 'get', '/:id'))).toEqual([
      'id',
      'depth',
      'select',
      'populate',
    ])
    const full = context(
      { versions: { drafts: true }, trash: true },
      { localization: { locales: ['en'] } },
    )
    expect(paramNames(doc(full, 'get', '/:id'))).toEqual([
      'id',
      'depth',
      'select',
      'populate',
      'draft',
      'trash',
      'locale',
      'fallback-locale',
    ])
    expect(paramNames(doc(full, 'patch', '/:id'))).toEqual(['id', 'depth', 'draft', 'locale'])
    expect(doc(full, 'delete', '/:id').summary).toMatch(/trash/)
    expect(doc(full, 'get', '/:id').parameters![0]).toMatchObject({
      in: 'path',
      schema: { type: 'number' },
    })
  })

  it("prefers the preferences collection's own routes, and knows no route Payload lacks", () => {
    const preferences = context({ slug: 'payload-preferences' })
    expect(doc(preferences, 'get', '/:key').operationId).toBe('preferences_get')
    expect(doc(preferences, 'get', '/:id').operationId).toBe('payload-preferences_findById')
    expect(builtinDoc(route('get', '/no-such-route'), context({}))).toBeUndefined()
    expect(builtinDoc(route('post', '/login'), context({}))).toBeUndefined()
  })
})

describe('server routes from the config', () => {
  const handler: Endpoint['handler'] = () => Response.json({})
  const config = (endpoints: Endpoint[], versions = false) =>
    ({
      routes: { api: '/api', graphQL: '/graphql' },
      graphQL: { disable: true },
      collections: [{ slug: 'things', endpoints, versions }],
      globals: [],
      endpoints: [],
    }) as unknown as SanitizedConfig
  const list = (routes: ServerRoute[]) => routes.map((r) => `${r.method} ${r.path}`)

  it('answers PATCH /:id also as PUT, expands optional parameters, drops versions without versions', () => {
    const routes = listServerRoutes(
      config([
        { path: '/:id', method: 'patch', handler },
        { path: '/access/:id?', method: 'post', handler },
        { path: '/versions', method: 'get', handler },
      ]),
    )
    expect(list(routes)).toEqual([
      'patch /api/things/{id}',
      'put /api/things/{id}',
      'post /api/things/access',
      'post /api/things/access/{id}',
    ])
  })

  it("marks both the PATCH and the PUT of a custom PATCH /:id as overriding Payload's", () => {
    const custom: Endpoint = { path: '/:id', method: 'patch', handler }
    const routes = listServerRoutes(config([custom, { path: '/:id', method: 'patch', handler }]))
    expect(routes.map((r) => [r.method, r.path, r.overrides])).toEqual([
      ['patch', '/api/things/{id}', true],
      ['put', '/api/things/{id}', true],
    ])
  })

  it('orders tags: collections, other groups, GraphQL, internal collections', () => {
    const op = (tag: string) => ({ get: { tags: [tag] } })
    const paths = { a: op('payload-locked'), b: op('graphql'), c: op('general'), d: op('things') }
    expect(tagsOf(paths, new Set(['things', 'payload-locked']))).toEqual([
      { name: 'things', description: 'The things collection' },
      { name: 'general', description: 'Routes at the API root' },
      { name: 'graphql', description: 'The GraphQL API' },
      { name: 'payload-locked', description: 'Payload internal collection (admin UI)' },
    ])
  })
})
