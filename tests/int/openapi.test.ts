import configPromise from '@payload-config'
import type { Endpoint, Field, SanitizedConfig } from 'payload'

import type { EndpointDoc } from '../../src/lib/openapi/endpointDoc'
import { buildOpenApiDocument } from '../../src/lib/openapi/document'
import { EXPRESS_ROUTE_DOCS } from '../../src/lib/openapi/expressRoutes'
import { fieldsSchema, type SchemaContext } from '../../src/lib/openapi/fieldSchemas'
import { PRODUCT_CARD_KEYS } from '../helpers/fixtures'
import {
  missingRoutes,
  openApiErrors,
  schemaValidator,
  serverRoutes,
  unansweredRoutes,
} from '../helpers/openapi'

const expressRoutes = Object.keys(EXPRESS_ROUTE_DOCS).map((key) => {
  const [method, path] = key.split(' ')
  return { method, path }
})

const handler: Endpoint['handler'] = () => Response.json({ ok: true })

/** The project config with extra endpoints, as a helper adding a custom endpoint would leave it. */
const withEndpoints = (
  config: SanitizedConfig,
  extra: { collection?: Endpoint[]; root?: Endpoint[] },
): SanitizedConfig => ({
  ...config,
  endpoints: [...(extra.root ?? []), ...config.endpoints] as SanitizedConfig['endpoints'],
  collections: config.collections.map((collection) =>
    collection.slug === 'products'
      ? ({
          ...collection,
          endpoints: [...(extra.collection ?? []), ...(collection.endpoints || [])],
        } as SanitizedConfig['collections'][number])
      : collection,
  ),
})

describe('OpenAPI document', () => {
  let config: SanitizedConfig

  beforeAll(async () => {
    config = await configPromise
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    const { document } = buildOpenApiDocument(config)
    expect(document.openapi).toBe('3.1.0')
    expect(await openApiErrors(document)).toBe('')
  })

  it('uses a validator that rejects an invalid 3.1 document', async () => {
    const { document } = buildOpenApiDocument(config)
    type Operation = { parameters?: unknown[]; responses: Record<string, { description?: string }> }
    const broken = structuredClone(document) as unknown as {
      paths: Record<string, Record<string, Operation>>
    }
    // A path parameter that the operation does not declare, and a response without description.
    broken.paths['/api/categories/{id}'].get.parameters = []
    delete broken.paths['/healthz'].get.responses['200'].description
    expect(await openApiErrors(broken)).not.toBe('')
  })

  it('documents every route the server answers', () => {
    const { document, undocumented } = buildOpenApiDocument(config)
    const routes = serverRoutes(config, expressRoutes)
    // Sanity: the listing is the real one, not an empty list that passes trivially.
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/products',
        'GET /api/products/{id}',
        'PATCH /api/products',
        'DELETE /api/products/{id}',
        'GET /api/products/count',
        'POST /api/users/login',
        'POST /api/users/verify/{id}',
        'POST /api/users/first-register',
        'GET /api/media/file/{filename}',
        'POST /api/graphql',
        'GET /healthz',
        'GET /readyz',
        'GET /api/openapi.json',
        'GET /api/docs',
      ]),
    )
    expect(missingRoutes(routes, document)).toEqual([])
    expect(undocumented).toEqual([])
    expect(document['x-undocumented-routes']).toBeUndefined()
  })

  it('describes each path by the endpoint that answers it, not one an earlier endpoint shadows', () => {
    const { document } = buildOpenApiDocument(config)
    const routes = serverRoutes(config, expressRoutes)
    // Payload's preferences routes come first: `GET /:key` answers `GET /count`.
    expect(routes).not.toContain('GET /api/payload-preferences/count')
    expect(routes).toEqual(expect.arrayContaining(['GET /api/payload-preferences/{key}']))
    expect(unansweredRoutes(routes, document)).toEqual([])
    const key = document.paths['/api/payload-preferences/{key}']
    expect(Object.keys(key.get.responses as object)).toEqual(
      expect.arrayContaining(['200', '401', '404']),
    )
    expect(Object.keys(key.post.responses as object)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404']),
    )
  })

  it('leaves out a default route that an earlier custom endpoint takes', () => {
    const config2 = withEndpoints(config, {
      collection: [
        {
          path: '/:slug',
          method: 'get',
          handler,
          custom: {
            openapi: {
              summary: 'By slug',
              auth: 'none',
              responses: { 200: { description: 'ok' } },
            },
          },
        },
      ],
    })
    const { document, undocumented } = buildOpenApiDocument(config2)
    expect(undocumented).toEqual([])
    expect(document.paths['/api/products/count']).toBeUndefined()
    expect(document.paths['/api/products/{slug}'].get.summary).toBe('By slug')
    expect(unansweredRoutes(serverRoutes(config2, expressRoutes), document)).toEqual([])
  })

  it('names a custom endpoint that has no custom.openapi metadata', () => {
    const config2 = withEndpoints(config, {
      collection: [{ path: '/:id/undocumented', method: 'post', handler }],
      root: [{ path: '/also-undocumented', method: 'get', handler }],
    })
    const { document, undocumented } = buildOpenApiDocument(config2)
    const missing = missingRoutes(serverRoutes(config2, expressRoutes), document)
    expect(missing).toEqual(['POST /api/products/{id}/undocumented', 'GET /api/also-undocumented'])
    expect(undocumented).toEqual(missing)
    expect(document['x-undocumented-routes']).toEqual(missing)
  })

  it('refuses to pass off a custom override of a default route as the default', () => {
    // A custom `GET /:id` takes over Payload's own; without metadata it is undocumented.
    const config2 = withEndpoints(config, {
      collection: [{ path: '/:slug', method: 'get', handler }],
    })
    expect(buildOpenApiDocument(config2).undocumented).toEqual(['GET /api/products/{slug}'])
  })

  it('documents a global and its routes', async () => {
    const get: Endpoint = { path: '/', method: 'get', handler }
    const update: Endpoint = { path: '/', method: 'post', handler }
    const access: Endpoint = { path: '/access', method: 'post', handler }
    const config2 = {
      ...config,
      globals: [
        {
          slug: 'settings',
          fields: [{ name: 'shopName', type: 'text', required: true }],
          endpoints: [get, update, access],
          versions: false,
        },
      ],
    } as unknown as SanitizedConfig
    const { document, undocumented } = buildOpenApiDocument(config2)
    expect(undocumented).toEqual([])
    expect(missingRoutes(serverRoutes(config2, expressRoutes), document)).toEqual([])
    expect(Object.keys(document.paths['/api/globals/settings'])).toEqual(['get', 'post'])
    expect(schemaValidator(document)('SettingsGlobal', { shopName: 'Marketplace' })).toBe('')
    expect(await openApiErrors(document)).toBe('')
  })

  it('describes a custom endpoint from its EndpointDoc', async () => {
    const doc: EndpointDoc = {
      summary: 'Approve a pending product',
      auth: 'required',
      sessionOnly: true,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      requestBody: { schema: { type: 'object', properties: { note: { type: 'string' } } } },
      responses: {
        200: { description: 'Approved', schema: { $ref: '#/components/schemas/Product' } },
        403: { description: 'Only admin or staff with a session' },
        409: { description: 'Not pending' },
      },
    }
    const config2 = withEndpoints(config, {
      collection: [{ path: '/:id/approve', method: 'post', handler, custom: { openapi: doc } }],
    })
    const { document, undocumented } = buildOpenApiDocument(config2)
    expect(undocumented).toEqual([])
    const operation = document.paths['/api/products/{id}/approve'].post as Record<string, never>
    expect(operation).toMatchObject({
      summary: 'Approve a pending product',
      tags: ['products'],
      security: [{ bearerAuth: [] }, { jwtAuth: [] }, { cookieAuth: [] }],
      responses: {
        200: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Product' } } },
        },
        401: { $ref: '#/components/responses/Unauthorized' },
        403: {
          description: 'Only admin or staff with a session',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/PayloadError' } },
          },
        },
        409: { description: 'Not pending' },
        429: { $ref: '#/components/responses/TooManyRequests' },
      },
    })
    expect(await openApiErrors(document)).toBe('')
  })

  it('marks credential endpoints with the strict rate limit and documents the limit headers', () => {
    const { document } = buildOpenApiDocument(config)
    const login = document.paths['/api/users/login'].post as Record<string, Record<string, object>>
    expect(login.responses['429']).toMatchObject({
      description: expect.stringMatching(/credential/),
      headers: { 'Retry-After': {}, RateLimit: {}, 'RateLimit-Policy': {} },
    })
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      jwtAuth: { type: 'apiKey', in: 'header', name: 'Authorization' },
      apiToken: { type: 'apiKey' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'payload-token' },
    })
  })

  it('derives request and response schemas from the fields', () => {
    const { document } = buildOpenApiDocument(config)
    const check = schemaValidator(document)
    const product = {
      id: 1,
      brand: 'Acme',
      model: 'X1',
      slug: 'acme-x1',
      description: null,
      category: { id: 2, name: 'Phones', slug: 'phones', updatedAt: 'x', createdAt: 'x' },
      price: 10,
      discount: 0,
      finalPrice: 10,
      stock: 1,
      available: true,
      images: [3],
      video: null,
      owner: 4,
      status: 'approved',
      reviewedBy: null,
      reviewedAt: null,
      rejectionReason: null,
      ratingAverage: 0,
      ratingCount: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      deletedAt: null,
    }
    expect(check('Product', product)).toBe('')
    expect(check('Product', { ...product, status: 'sold' })).toMatch(/allowed values/)
    expect(check('Product', { ...product, category: 'phones' })).not.toBe('')
    // Create bodies: required fields without defaults, no server-derived ones.
    const create = document.components.schemas.ProductCreate as { properties: object }
    expect(Object.keys(create.properties)).not.toEqual(expect.arrayContaining(['finalPrice']))
    expect(check('ProductCreate', { brand: 'A', model: 'B', slug: 'a-b', price: 1 })).toBe('')
    expect(check('ProductCreate', { brand: 'A' })).toMatch(/required/)
    expect(check('ProductUpdate', { price: 2 })).toBe('')
    expect(check('UserCreate', { username: 'u', email: 'u@example.com' })).toMatch(/password/)
    const user = document.components.schemas.User as { properties: Record<string, unknown> }
    for (const secret of ['hash', 'salt', 'resetPasswordToken', 'loginAttempts', 'password']) {
      expect(user.properties).not.toHaveProperty(secret)
    }
  })

  it('documents populated products and users by their defaultPopulate summaries', () => {
    const { document } = buildOpenApiDocument(config)
    const check = schemaValidator(document)
    const schemas = document.components.schemas as Record<string, { properties: object }>
    expect(Object.keys(schemas.ProductSummary.properties).sort()).toEqual(PRODUCT_CARD_KEYS.sort())
    expect(Object.keys(schemas.UserSummary.properties).sort()).toEqual(
      ['avatar', 'id', 'name', 'username'].sort(),
    )
    const card = { id: 1, brand: 'Acme', model: 'X1', slug: 'acme-x1', finalPrice: 9 }
    expect(check('ProductSummary', card)).toBe('')
    expect(check('Product', card)).not.toBe('')
    // An order line and a product owner refer to the summaries.
    expect(JSON.stringify(schemas.Order)).toContain('#/components/schemas/ProductSummary')
    expect(JSON.stringify(schemas.Order)).toContain('#/components/schemas/UserSummary')
    expect(JSON.stringify(schemas.Product)).toContain('#/components/schemas/UserSummary')
  })

  it('maps every Payload field type to JSON Schema', () => {
    const context: SchemaContext = {
      mode: 'read',
      idType: () => 'number',
      refFor: (slug) => `#/$defs/${slug}`,
      blocks: {},
    }
    const fields: Field[] = [
      { name: 'title', type: 'text', required: true, maxLength: 5 },
      { name: 'tags', type: 'text', hasMany: true },
      { name: 'body', type: 'textarea' },
      { name: 'mail', type: 'email' },
      { name: 'snippet', type: 'code' },
      { name: 'count', type: 'number', min: 0 },
      { name: 'flag', type: 'checkbox' },
      { name: 'kind', type: 'select', options: ['a', 'b'] },
      { name: 'kinds', type: 'select', hasMany: true, options: [{ label: 'A', value: 'a' }] },
      { name: 'size', type: 'radio', options: ['s', 'm'] },
      { name: 'when', type: 'date' },
      { name: 'owner', type: 'relationship', relationTo: 'users' },
      { name: 'either', type: 'relationship', relationTo: ['users', 'media'] },
      { name: 'pics', type: 'upload', relationTo: 'media', hasMany: true },
      { name: 'content', type: 'richText' },
      { name: 'meta', type: 'json' },
      { name: 'where', type: 'point' },
      { name: 'address', type: 'group', fields: [{ name: 'city', type: 'text' }] },
      { type: 'row', fields: [{ name: 'inRow', type: 'text' }] },
      {
        type: 'tabs',
        tabs: [
          { label: 'One', fields: [{ name: 'inTab', type: 'text' }] },
          { name: 'seo', label: 'SEO', fields: [{ name: 'metaTitle', type: 'text' }] },
        ],
      },
      { name: 'lines', type: 'array', fields: [{ name: 'qty', type: 'number', required: true }] },
      {
        name: 'layout',
        type: 'blocks',
        blocks: [{ slug: 'hero', fields: [{ name: 'heading', type: 'text' }] }],
      },
      { name: 'reviews', type: 'join', collection: 'reviews', on: 'product' },
      { name: 'computed', type: 'text', virtual: true },
      { name: 'secret', type: 'text', hidden: true },
      { name: 'label', type: 'ui', admin: { components: {} } },
    ] as Field[]
    const read = fieldsSchema(fields, context)
    const ajv = schemaValidator({
      components: { schemas: { Doc: read } },
      $defs: { users: { type: 'object' }, media: { type: 'object' }, reviews: { type: 'object' } },
    } as never)
    const doc = {
      title: 'Hello',
      tags: ['x'],
      body: null,
      mail: 'a@b.c',
      snippet: 'x',
      count: 1,
      flag: true,
      kind: 'a',
      kinds: ['a'],
      size: 's',
      when: '2026-01-01T00:00:00.000Z',
      owner: 1,
      either: { relationTo: 'media', value: 2 },
      pics: [{ id: 3, url: '/x' }],
      content: { root: { children: [] } },
      meta: { any: ['thing'] },
      where: [1.5, 2.5],
      address: { city: 'Oslo' },
      inRow: 'r',
      inTab: 't',
      seo: { metaTitle: 'm' },
      lines: [{ id: 'abc', qty: 2 }],
      layout: [{ id: 'b1', blockType: 'hero', heading: 'Hi' }],
      reviews: { docs: [1, 2], hasNextPage: false },
      computed: 'c',
    }
    expect(ajv('Doc', doc)).toBe('')
    expect(read.required).toEqual(['title'])
    expect(read.properties).not.toHaveProperty('secret')
    expect(read.properties).not.toHaveProperty('label')
    expect(read.properties.computed).toMatchObject({ readOnly: true })
    expect(ajv('Doc', { ...doc, title: 'too long' })).toMatch(/title/)
    expect(ajv('Doc', { ...doc, kind: 'z' })).toMatch(/kind/)
    expect(ajv('Doc', { ...doc, where: [1] })).toMatch(/where/)
    expect(ajv('Doc', { ...doc, layout: [{ blockType: 'other' }] })).toMatch(/layout/)
    expect(ajv('Doc', { ...doc, either: { relationTo: 'posts', value: 1 } })).toMatch(/either/)
    expect(ajv('Doc', { ...doc, lines: [{ id: 'a' }] })).toMatch(/qty/)

    const create = fieldsSchema(fields, { ...context, mode: 'create' })
    expect(create.properties).not.toHaveProperty('computed')
    expect(create.properties).not.toHaveProperty('reviews')
    expect(create.properties.owner).toMatchObject({ type: ['number', 'null'] })
  })

  it('does not require in read documents a field that read access may leave out', () => {
    const fields: Field[] = [
      { name: 'title', type: 'text', required: true },
      { name: 'email', type: 'email', required: true, access: { read: () => false } },
    ]
    const context: SchemaContext = {
      mode: 'read',
      idType: () => 'number',
      refFor: () => '',
      blocks: {},
    }
    expect(fieldsSchema(fields, context).required).toEqual(['title'])
    expect(fieldsSchema(fields, { ...context, mode: 'create' }).required).toEqual([
      'title',
      'email',
    ])
  })
})
