import type { Endpoint } from 'payload'

import type { EndpointDoc } from '../../lib/openapi/endpointDoc'
import { ORDER_STATUSES } from '../../lib/statuses'
import {
  findVendorLines,
  parseVendorLinesQuery,
  VENDOR_LINES_DEFAULT_LIMIT,
  VENDOR_LINES_MAX_LIMIT,
} from '../../lib/vendorLines'

const line = {
  type: 'object',
  required: ['orderId', 'orderedAt', 'orderStatus', 'lineId', 'product', 'quantity'],
  properties: {
    orderId: { type: 'integer' },
    orderedAt: { type: 'string', format: 'date-time' },
    orderStatus: { type: 'string', enum: ORDER_STATUSES },
    lineId: { type: 'string' },
    product: {
      type: 'object',
      required: ['id', 'brand', 'model', 'slug'],
      properties: {
        id: { type: 'integer' },
        brand: { type: 'string' },
        model: { type: 'string' },
        slug: { type: 'string' },
      },
    },
    quantity: { type: 'integer' },
    unitPrice: { type: ['number', 'null'] },
    discount: { type: ['number', 'null'] },
    lineTotal: { type: ['number', 'null'] },
    currency: { type: ['string', 'null'] },
  },
}

/**
 * `GET /api/orders/vendor-lines?page=&limit=&status=` — the order lines of the caller's own
 * products, newest order first, paginated (`{ docs, totalDocs, page, totalPages, … }`). No customer
 * data and no other vendor's lines (`src/lib/vendorLines.ts`). 400 bad parameters, 401 anonymous,
 * 403 not a vendor. Vendors have no read access to the orders collection itself.
 */
export const vendorLinesEndpoint: Endpoint = {
  path: '/vendor-lines',
  method: 'get',
  handler: async (req) => {
    const params = new URL(req.url ?? 'http://localhost').searchParams
    return Response.json(await findVendorLines(req, parseVendorLinesQuery(params)))
  },
  custom: {
    openapi: {
      summary: "Order lines of the caller's products (fulfilment)",
      description:
        'For vendors: every order line of a product they own, with the order number, date and ' +
        'status. Nothing about the customer and no other vendor’s lines: the store ships orders.',
      tags: ['orders'],
      auth: 'required',
      parameters: [
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        {
          name: 'limit',
          in: 'query',
          schema: {
            type: 'integer',
            minimum: 1,
            maximum: VENDOR_LINES_MAX_LIMIT,
            default: VENDOR_LINES_DEFAULT_LIMIT,
          },
        },
        { name: 'status', in: 'query', schema: { type: 'string', enum: ORDER_STATUSES } },
      ],
      responses: {
        200: {
          description: 'A page of order lines.',
          schema: {
            type: 'object',
            required: ['docs', 'totalDocs', 'page', 'limit', 'totalPages'],
            properties: {
              docs: { type: 'array', items: line },
              totalDocs: { type: 'integer' },
              limit: { type: 'integer' },
              page: { type: 'integer' },
              totalPages: { type: 'integer' },
              hasPrevPage: { type: 'boolean' },
              hasNextPage: { type: 'boolean' },
              prevPage: { type: ['integer', 'null'] },
              nextPage: { type: ['integer', 'null'] },
            },
          },
        },
        400: { description: 'page, limit or status malformed or out of range.' },
        403: { description: 'The caller is not a vendor.' },
      },
    } satisfies EndpointDoc,
  },
}
