import type { Endpoint } from 'payload'

import type { EndpointDoc } from '../../lib/openapi/endpointDoc'
import { productHistory } from '../../lib/productHistory'

const integerParam = (value: string | null, fallback: number): number =>
  value === null || value === '' ? fallback : Number(value)

/**
 * `GET /api/products/history?page=&limit=` — the caller's own products (any status), newest
 * first, in Payload's paginated shape. 401 anonymous, 400 for a bad page/limit.
 */
export const productHistoryEndpoint: Endpoint = {
  path: '/history',
  method: 'get',
  handler: async (req) => {
    const params = new URL(req.url ?? 'http://localhost').searchParams
    const result = await productHistory(req, {
      page: integerParam(params.get('page'), 1),
      limit: integerParam(params.get('limit'), 10),
    })
    return Response.json(result)
  },
  custom: {
    openapi: {
      summary: "The caller's own products",
      description:
        'Every product the caller owns, in any moderation status (pending, approved, rejected).',
      auth: 'required',
      parameters: [
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        },
      ],
      responses: {
        200: { description: 'Paginated products: { docs, totalDocs, page, totalPages, … }' },
        400: { description: 'page or limit out of range.' },
        401: { description: 'Not signed in.' },
      },
    } satisfies EndpointDoc,
  },
}
