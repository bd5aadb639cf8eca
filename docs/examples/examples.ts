/**
 * The requests shown in docs/API.md, in the order they run against a freshly seeded demo server.
 * `docs/examples/generate.ts` runs them and writes each response between the example's markers
 * in docs/API.md; `--check` only verifies the statuses (tests/api/docsExamples.test.ts does too).
 *
 * `{{name}}` in a path, header or body is replaced by a value an earlier example captured.
 */
import { demoUsers } from '../../src/seed/demoCatalog'

export type Role = 'anonymous' | 'customer' | 'vendor' | 'admin' | 'apiToken'

export type Example = {
  id: string
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  as?: Role
  body?: unknown
  /** Multipart upload: a generated PNG of this many bytes at least, plus `_payload`. */
  upload?: { bytes: number; payload: Record<string, unknown> }
  headers?: Record<string, string>
  /** Expected status. */
  status: number
  /** Response headers to show (lower case). */
  showHeaders?: string[]
  /** Values for later examples. */
  capture?: (body: unknown, headers: Headers) => Record<string, string | number | undefined>
  /** Repeat until this status (the rate-limit example), at most 30 times. */
  repeatUntilStatus?: boolean
  /** Set while the endpoint lives in a branch not merged here: issue number. */
  pending?: number
  /** What the issue says the response looks like, shown until the example is regenerated. */
  sketch?: unknown
}

const alice = demoUsers.customers[0]
const vendor = demoUsers.vendors[0]
const json = (value: unknown) => value as Record<string, unknown>
const docs = (value: unknown) => json(value).docs as Array<Record<string, unknown>>

export const examples: Example[] = [
  // --- Authentication ---
  {
    id: 'login',
    method: 'POST',
    path: '/api/users/login',
    body: { email: alice.email, password: alice.password },
    status: 200,
    capture: (body) => ({ customerToken: json(body).token as string }),
  },
  { id: 'me', method: 'GET', path: '/api/users/me', as: 'customer', status: 200 },
  {
    id: 'refresh-token',
    method: 'POST',
    path: '/api/users/refresh-token',
    as: 'customer',
    status: 200,
    capture: (body) => ({ customerToken: json(body).refreshedToken as string }),
  },
  {
    id: 'token-pair',
    method: 'POST',
    path: '/api/token',
    body: { email: alice.email, password: alice.password },
    status: 200,
    sketch: {
      access: 'eyJhbGciOiJIUzI1NiIs…',
      refresh: 'k3Q0s1…',
      exp: 1795649999,
      user: { id: 6, username: 'alice', roles: ['customer'] },
    },
    capture: (body) => ({ refreshToken: json(body).refresh as string }),
  },
  {
    id: 'token-refresh',
    method: 'POST',
    path: '/api/token/refresh',
    body: { refresh: '{{refreshToken}}' },
    status: 200,
    sketch: { access: 'eyJhbGciOiJIUzI1NiIs…', refresh: 'Zx81…', exp: 1795650899 },
  },
  {
    id: 'api-token-create',
    method: 'POST',
    path: '/api/users/me/api-tokens',
    as: 'customer',
    body: { name: 'my script', expiresAt: '2027-12-31T00:00:00.000Z' },
    status: 201,
    sketch: {
      id: 1,
      name: 'my script',
      token: 'shown-once-…',
      expiresAt: '2027-12-31T00:00:00.000Z',
    },
    capture: (body) => ({ apiToken: json(body).token as string }),
  },
  {
    id: 'api-token-list',
    method: 'GET',
    path: '/api/users/me/api-tokens',
    as: 'customer',
    status: 200,
    sketch: { docs: [{ id: 1, name: 'my script', expiresAt: '2027-12-31T00:00:00.000Z' }] },
  },
  {
    id: 'signup',
    method: 'POST',
    path: '/api/users',
    body: {
      username: 'newshopper',
      email: 'newshopper@example.com',
      password: 'Long-enough-pass-42',
      name: 'New Shopper',
    },
    status: 201,
    sketch: {
      doc: { id: 12, username: 'newshopper', email: 'newshopper@example.com', roles: ['customer'] },
      message: 'Successfully created. Check your email to activate the account.',
    },
  },
  {
    id: 'forgot-password',
    method: 'POST',
    path: '/api/users/forgot-password',
    body: { email: alice.email },
    status: 200,
  },

  // --- Catalog ---
  {
    id: 'categories-list',
    method: 'GET',
    path: '/api/categories?sort=name&limit=2',
    status: 200,
    showHeaders: ['ratelimit', 'ratelimit-policy'],
    capture: (body) => ({ categoryId: docs(body)[0]?.id as number }),
  },
  {
    id: 'category-create',
    method: 'POST',
    path: '/api/categories',
    as: 'admin',
    body: { name: 'Drones', slug: 'drones', description: 'Camera drones' },
    status: 201,
    capture: (body) => ({ dronesId: json(json(body).doc).id as number }),
  },
  {
    id: 'products-list',
    method: 'GET',
    path: '/api/products?where[price][less_than]=500&sort=-price&limit=2&depth=0',
    status: 200,
    capture: (body) => ({ productId: docs(body)[0]?.id as number }),
  },
  {
    id: 'products-or-select',
    method: 'GET',
    path: '/api/products?where[or][0][brand][equals]=Apple&where[or][1][brand][equals]=Google&select[brand]=true&select[model]=true&select[finalPrice]=true&sort=finalPrice&limit=3',
    status: 200,
  },
  {
    id: 'products-count',
    method: 'GET',
    path: '/api/products/count?where[category][equals]={{categoryId}}',
    status: 200,
  },
  { id: 'product-get', method: 'GET', path: '/api/products/{{productId}}?depth=1', status: 200 },
  {
    id: 'product-create',
    method: 'POST',
    path: '/api/products',
    as: 'vendor',
    body: {
      brand: 'DJI',
      model: 'Mini 5',
      slug: 'dji-mini-5',
      category: '{{dronesId}}',
      price: 759,
      discount: 5,
      stock: 12,
    },
    status: 201,
    capture: (body) => ({ newProductId: json(json(body).doc).id as number }),
  },
  {
    id: 'product-update',
    method: 'PATCH',
    path: '/api/products/{{newProductId}}',
    as: 'vendor',
    body: { price: 729, stock: 20 },
    status: 200,
  },
  {
    id: 'product-approve',
    method: 'POST',
    path: '/api/products/{{newProductId}}/approve',
    as: 'admin',
    status: 200,
    sketch: {
      doc: { id: 37, status: 'approved', reviewedBy: 1, reviewedAt: '2026-11-25T23:40:00.000Z' },
    },
  },
  {
    id: 'products-history',
    method: 'GET',
    path: '/api/products/history?limit=2',
    as: 'vendor',
    status: 200,
    sketch: { docs: [{ id: 37, model: 'Mini 5', status: 'approved' }], totalDocs: 13, page: 1 },
  },
  {
    id: 'category-delete-conflict',
    method: 'DELETE',
    path: '/api/categories/{{dronesId}}',
    as: 'admin',
    status: 409,
    sketch: { errors: [{ message: 'This category still has products.' }] },
  },
  {
    id: 'search',
    method: 'GET',
    path: '/api/products/search?query=phones+under+500&limit=2',
    status: 200,
    sketch: {
      docs: [{ id: 2, brand: 'Samsung', model: 'Galaxy A56', finalPrice: 449 }],
      totalDocs: 3,
      page: 1,
      totalPages: 2,
      facets: {
        brands: [{ value: 'Samsung', count: 1 }],
        categories: [{ id: 1, slug: 'phones', name: 'Phones', count: 3 }],
        price: { min: 299, max: 449 },
      },
    },
  },
  {
    id: 'search-typo-range',
    method: 'GET',
    path: '/api/products/search?query=samsng&minPrice=200&maxPrice=900&sort=price',
    status: 200,
    sketch: { docs: [{ brand: 'Samsung', model: 'Galaxy A56', finalPrice: 449 }], facets: {} },
  },
  {
    id: 'etag',
    method: 'GET',
    path: '/api/categories?limit=1',
    status: 200,
    showHeaders: ['etag', 'x-cache'],
    capture: (_body, headers) => ({ etag: headers.get('etag') ?? 'no-etag' }),
  },
  {
    id: 'etag-304',
    method: 'GET',
    path: '/api/categories?limit=1',
    headers: { 'If-None-Match': '{{etag}}' },
    status: 304,
    showHeaders: ['etag', 'x-cache'],
  },

  // --- Media ---
  { id: 'media-list', method: 'GET', path: '/api/media?limit=1', status: 200 },
  {
    id: 'media-upload',
    method: 'POST',
    path: '/api/media',
    as: 'vendor',
    upload: { bytes: 0, payload: { alt: 'Drone, front view' } },
    status: 201,
  },

  // --- Orders and reviews ---
  {
    id: 'order-create',
    method: 'POST',
    path: '/api/orders',
    as: 'customer',
    body: {
      items: [{ product: '{{productId}}', quantity: 2 }],
      shippingAddress: {
        name: 'Alice Martin',
        lines: '1 Main Street',
        city: 'Lyon',
        postcode: '69001',
        country: 'FR',
        phone: '+33 4 00 00 00 00',
      },
    },
    status: 201,
    sketch: {
      doc: {
        id: 1,
        status: 'pending',
        items: [{ product: 2, quantity: 2, unitPrice: 449, discount: 0, lineTotal: 898 }],
        total: 898,
        currency: 'EUR',
      },
    },
  },
  {
    id: 'orders-list',
    method: 'GET',
    path: '/api/orders?sort=-createdAt&limit=1',
    as: 'customer',
    status: 200,
    sketch: { docs: [{ id: 1, status: 'pending', total: 898 }], totalDocs: 1 },
  },
  {
    id: 'review-create',
    method: 'POST',
    path: '/api/reviews',
    // Not the vendor: the listed product may be theirs, and nobody reviews their own.
    as: 'admin',
    body: { product: '{{productId}}', rating: 5, title: 'Great', body: 'Battery lasts two days.' },
    status: 201,
    sketch: { doc: { id: 1, rating: 5, verifiedPurchase: false, status: 'published' } },
  },
  {
    id: 'review-duplicate',
    method: 'POST',
    path: '/api/reviews',
    as: 'admin',
    body: { product: '{{productId}}', rating: 4, body: 'Second thoughts.' },
    status: 409,
    sketch: { errors: [{ message: 'You have already reviewed this product.' }] },
  },
  {
    id: 'reviews-list',
    method: 'GET',
    path: '/api/reviews?where[product][equals]={{productId}}&sort=-rating',
    status: 200,
    sketch: { docs: [{ id: 1, rating: 5, author: { username: 'alice', avatar: null } }] },
  },

  // --- Errors ---
  { id: 'error-400', method: 'POST', path: '/api/products', as: 'vendor', body: {}, status: 400 },
  {
    id: 'error-401',
    method: 'POST',
    path: '/api/users/login',
    body: { email: alice.email, password: 'wrong-password' },
    status: 401,
  },
  {
    id: 'error-403',
    method: 'DELETE',
    path: '/api/categories/{{categoryId}}',
    status: 403,
  },
  { id: 'error-404', method: 'GET', path: '/api/categories/999999', status: 404 },
  {
    id: 'error-413',
    method: 'POST',
    path: '/api/media',
    as: 'vendor',
    upload: { bytes: 1_200_000, payload: { alt: 'Too big' } },
    status: 413,
  },

  // --- GraphQL ---
  {
    id: 'graphql-query',
    method: 'POST',
    path: '/api/graphql',
    body: {
      query:
        'query Cheap($max: Float) { Products(where: { price: { less_than: $max } }, sort: "-price", limit: 2) { totalDocs docs { id brand model price finalPrice category { name } } } }',
      variables: { max: 500 },
    },
    status: 200,
  },
  {
    id: 'graphql-by-id',
    method: 'POST',
    path: '/api/graphql',
    body: { query: '{ Product(id: {{productId}}) { id brand model stock status } }' },
    status: 200,
  },
  {
    id: 'graphql-mutation',
    method: 'POST',
    path: '/api/graphql',
    as: 'admin',
    body: {
      query:
        'mutation { createCategory(data: { name: "Tablets", slug: "tablets" }) { id name slug } }',
    },
    status: 200,
  },
  {
    id: 'graphql-me',
    method: 'POST',
    path: '/api/graphql',
    as: 'customer',
    body: { query: '{ meUser { user { username email roles } exp } }' },
    status: 200,
  },

  // --- Operations ---
  { id: 'healthz', method: 'GET', path: '/healthz', status: 200 },
  { id: 'readyz', method: 'GET', path: '/readyz', status: 200 },

  // Last: ends the customer's session, then exhausts the credential limit.
  { id: 'logout', method: 'POST', path: '/api/users/logout', as: 'customer', status: 200 },
  {
    id: 'rate-limited',
    method: 'POST',
    path: '/api/users/login',
    body: { email: vendor.email, password: 'wrong-password' },
    status: 429,
    repeatUntilStatus: true,
    showHeaders: ['ratelimit', 'ratelimit-policy', 'retry-after'],
  },
]

/** Logins the runner does before the examples, for the `as` roles (not shown in the guide). */
export const roleLogins: Record<'admin' | 'vendor', { email: string; password: string }> = {
  admin: { email: demoUsers.admin.email, password: demoUsers.admin.password },
  vendor: { email: vendor.email, password: vendor.password },
}
