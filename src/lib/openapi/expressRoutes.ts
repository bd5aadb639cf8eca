import type { EndpointDoc } from './endpointDoc'

/**
 * Documentation of the front server's own Express routes (src/server.ts), keyed `method path`
 * (Express path syntax). The server lists its real routes from Express's router at start; one
 * missing here is reported as undocumented.
 */
export const EXPRESS_ROUTE_DOCS: Record<string, EndpointDoc> = {
  'get /healthz': {
    summary: 'Liveness probe: the process is up',
    tags: ['operations'],
    operationId: 'healthz',
    auth: 'none',
    responses: {
      200: {
        description: 'Alive',
        schema: {
          type: 'object',
          required: ['status'],
          properties: { status: { const: 'ok' }, uptime: { type: 'number' } },
        },
        example: { status: 'ok', uptime: 12.5 },
      },
    },
  },
  'get /readyz': {
    summary: 'Readiness probe: the database (and, when configured, the cache) answer',
    tags: ['operations'],
    operationId: 'readyz',
    auth: 'none',
    responses: {
      200: {
        description: 'Ready to serve',
        schema: {
          type: 'object',
          required: ['status', 'checks'],
          properties: {
            status: { const: 'ready' },
            checks: { type: 'object', additionalProperties: { type: 'string' } },
            worker: {
              type: 'integer',
              description: 'With several web workers (`WEB_CONCURRENCY`): the one that answered',
            },
          },
        },
        example: { status: 'ready', checks: { database: 'up' } },
      },
      503: {
        description: 'A dependency is down',
        schema: {
          type: 'object',
          properties: {
            status: { const: 'unavailable' },
            checks: { type: 'object', additionalProperties: { type: 'string' } },
            worker: { type: 'integer' },
          },
        },
        example: { status: 'unavailable', checks: { database: 'down' } },
      },
    },
  },
  'get /api/openapi.json': {
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the Payload config when the server starts; never written by hand.',
    tags: ['documentation'],
    operationId: 'openapi',
    auth: 'none',
    responses: {
      200: { description: 'The document', schema: { type: 'object' } },
    },
  },
  'get /api/docs': {
    summary: 'Interactive API reference (Swagger UI)',
    description:
      'Served from installed packages (works offline). "Authorize" takes a token; "Try it out" calls this server.',
    tags: ['documentation'],
    operationId: 'docs',
    auth: 'none',
    responses: {
      200: { description: 'HTML page', contentType: 'text/html', schema: { type: 'string' } },
    },
  },
}
