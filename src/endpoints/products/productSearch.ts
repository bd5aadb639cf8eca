import type { Endpoint } from 'payload'

import { parseSearchParams, SEARCH_SORTS, searchProducts } from '../../lib/search/searchProducts'
import type { EndpointDoc } from '../../lib/openapi/endpointDoc'

const openapi: EndpointDoc = {
  summary: 'Search the catalog',
  description:
    'Full-text search over brand, model, category name and description (english word forms, typo ' +
    'tolerance on brand and model), ranked by relevance, with price ranges in the text (`under 500`, ' +
    '`< 500`, `200-500`, `over 1000`) or as parameters, filters, sorting and facets. Visibility is ' +
    'the same as GET /api/products: anonymous callers see approved products only.',
  tags: ['products'],
  auth: 'optional',
  parameters: [
    {
      name: 'query',
      in: 'query',
      description: 'Free text; may contain a price range.',
      schema: { type: 'string', maxLength: 200 },
    },
    {
      name: 'minPrice',
      in: 'query',
      description: 'Lowest final price (inclusive).',
      schema: { type: 'number', minimum: 0 },
    },
    {
      name: 'maxPrice',
      in: 'query',
      description: 'Highest final price (inclusive).',
      schema: { type: 'number', minimum: 0 },
    },
    {
      name: 'brand',
      in: 'query',
      description: 'Exact brand, case-insensitive.',
      schema: { type: 'string' },
    },
    {
      name: 'category',
      in: 'query',
      description: 'Category id or slug.',
      schema: { type: 'string' },
    },
    { name: 'inStock', in: 'query', schema: { type: 'boolean' } },
    { name: 'minRating', in: 'query', schema: { type: 'number', minimum: 0, maximum: 5 } },
    {
      name: 'sort',
      in: 'query',
      schema: { type: 'string', enum: [...SEARCH_SORTS], default: 'relevance' },
    },
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    {
      name: 'limit',
      in: 'query',
      description: 'Clamped to 100.',
      schema: { type: 'integer', minimum: 1, default: 20 },
    },
    {
      name: 'depth',
      in: 'query',
      description: 'Clamped to 2.',
      schema: { type: 'integer', minimum: 0, default: 1 },
    },
  ],
  responses: {
    200: {
      description: "Payload's list shape plus facets of the whole matching set.",
      schema: {
        type: 'object',
        required: ['docs', 'totalDocs', 'page', 'limit', 'totalPages', 'facets'],
        properties: {
          docs: { type: 'array', items: { $ref: '#/components/schemas/Product' } },
          totalDocs: { type: 'integer' },
          limit: { type: 'integer' },
          page: { type: 'integer' },
          totalPages: { type: 'integer' },
          hasNextPage: { type: 'boolean' },
          hasPrevPage: { type: 'boolean' },
          nextPage: { type: ['integer', 'null'] },
          prevPage: { type: ['integer', 'null'] },
          pagingCounter: { type: 'integer' },
          facets: {
            type: 'object',
            properties: {
              brands: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { value: { type: 'string' }, count: { type: 'integer' } },
                },
              },
              categories: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    slug: { type: 'string' },
                    name: { type: 'string' },
                    count: { type: 'integer' },
                  },
                },
              },
              price: {
                type: 'object',
                properties: {
                  min: { type: ['number', 'null'] },
                  max: { type: ['number', 'null'] },
                },
              },
            },
          },
        },
      },
    },
    400: { description: 'A parameter is malformed (e.g. `minPrice=abc`, unknown `sort`).' },
  },
}

/**
 * `GET /api/products/search`: the catalog search (see `searchProducts`). Declared before Payload's
 * default `/:id` route, so `/search` is never read as an id.
 */
export const productSearchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const params = parseSearchParams(Object.fromEntries(req.searchParams ?? new URLSearchParams()))
    return Response.json(await searchProducts(req, params))
  },
  custom: { openapi },
}
