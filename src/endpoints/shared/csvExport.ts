import type { Endpoint, Sort, Where } from 'payload'

import type { EndpointDoc } from '../../lib/openapi/endpointDoc'
import {
  exportCsv,
  type ExportedCollection,
  MAX_EXPORT_ROWS,
  parseExportLimit,
} from '../../operations/csvExport'

const DESCRIPTION: Record<ExportedCollection, string> = {
  orders:
    'Columns: id, createdAt, status, customerId, customer (username), items ("2 × Brand Model; …"), quantity, total, currency. The shipping address and notes are never exported.',
  products:
    'Columns: id, brand, model, slug, category, status, rejectionReason, price, discount, finalPrice, stock, available, ownerId, owner (username), createdAt, updatedAt.',
}

/**
 * `GET /api/<orders|products>/export.csv?where[…]=…&sort=…&limit=` — the matching documents as a
 * CSV download, for admins and staff with a session. The rows and columns are what the caller may
 * read (the collection's access, as for a list); `where` and `sort` are a list's. 400 for a bad
 * query or limit, 401 anonymous, 403 anybody else (API tokens included).
 */
export const csvExportEndpoint = (collection: ExportedCollection): Endpoint => ({
  path: '/export.csv',
  method: 'get',
  handler: async (req) => {
    const query = req.query as { where?: Where; sort?: Sort; limit?: unknown }
    const csv = await exportCsv(req, collection, {
      where: query.where,
      sort: query.sort,
      limit: parseExportLimit(query.limit),
    })
    const date = new Date().toISOString().slice(0, 10)
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${collection}-${date}.csv"`,
        'Cache-Control': 'no-store',
      },
    })
  },
  custom: {
    openapi: {
      summary: `Export ${collection} as CSV`,
      description: `${DESCRIPTION[collection]} At most ${MAX_EXPORT_ROWS} rows. Admins and staff only.`,
      auth: 'required',
      sessionOnly: true,
      parameters: [
        {
          name: 'where',
          in: 'query',
          style: 'deepObject',
          explode: true,
          description: 'A list query, e.g. where[status][equals]=paid',
          schema: { type: 'object' },
        },
        { name: 'sort', in: 'query', schema: { type: 'string' }, example: '-createdAt' },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_EXPORT_ROWS },
        },
      ],
      responses: {
        200: {
          description: 'The CSV file (UTF-8, CRLF line ends, a header line first).',
          contentType: 'text/csv',
          schema: { type: 'string' },
          headers: {
            'Content-Disposition': {
              description: `attachment; filename="${collection}-YYYY-MM-DD.csv"`,
              schema: { type: 'string' },
            },
          },
        },
        400: { description: 'A bad where, sort or limit.' },
        403: { description: 'Not admin or staff, or signed in with an API token.' },
      },
    } satisfies EndpointDoc,
  },
})
